import { and, eq, inArray, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { orderLines, orders } from '../../drizzle/schema/index.js';
import type { CollapsedWrite, StoredOrderVersion } from '../domain/orders/collapse-versions.js';
import type { IncomingOrder, IncomingOrderLine } from '../domain/orders/incoming-order.js';
import { planInputs } from '../domain/orders/plan-inputs.js';
import type { DbOrTx } from './client.js';

export interface UpsertOrderResult {
  orderId: number;
  /** inserted / updated: this version was stored; stale: a newer one already was */
  outcome: 'inserted' | 'updated' | 'stale';
  cancelled: boolean;
  /** the order became cancelled with this version */
  cancelledNow: boolean;
  /** the order is in a state routing must not touch (cancelled, shipped, delivered, shipped elsewhere) */
  settled: boolean;
  /** this version changes what routing reads (a new order, or new lines, address, payment...) */
  planChanged: boolean;
}

/** States routing never touches again: a version of such an order queues no routing run. */
const SETTLED_STATUSES = new Set<string>(['shipped', 'delivered', 'fulfilled_elsewhere']);

/** The stored form of planInputs: equal fingerprints route the same way. */
export const planFingerprintOf = (o: IncomingOrder) => createHash('sha1').update(planInputs(o)).digest('base64url');

/** Order lines per upsert statement (eleven parameters each). */
const LINES_PER_STATEMENT = 2000;

/**
 * How order versions are stored: one at a time (upsertIncoming) or, for an ingest batch, the
 * writes several versions of several orders collapse into (heldVersions, storeCollapsed).
 */
export function createOrderUpsert(db: DbOrTx) {
  /**
   * Versions of different orders in one statement, each stored unless a newer one is (see
   * upsertIncoming); answers, per order stored, what it found and left.
   */
  async function upsertRows(shopId: number, items: { o: IncomingOrder; planFingerprint: string }[]) {
    const values = items.map(({ o, planFingerprint }) => {
      const a = o.shippingAddress;
      return {
        shopId,
        channel: o.channel,
        externalId: o.externalId,
        name: o.name,
        email: o.email,
        customerExternalId: o.customerExternalId,
        customerLocale: o.customerLocale ?? null,
        financialStatus: o.financialStatus,
        currency: o.currency,
        totalPrice: o.totalPrice,
        tags: o.tags,
        shippingAddress: a,
        countryCode: a?.countryCode ?? null,
        zip: a?.zip ?? null,
        latitude: a?.latitude ?? null,
        longitude: a?.longitude ?? null,
        shippingRateCode: o.shippingRate?.code ?? null,
        shippingRateTitle: o.shippingRate?.title ?? null,
        deliverBy: o.deliverBy ?? null,
        placedAt: o.placedAt,
        sourceUpdatedAt: o.updatedAt,
        sourceObservedAt: o.observedAt ?? null,
        planFingerprint,
        cancelledAt: o.cancelledAt,
        status: o.cancelledAt
          ? ('cancelled' as const)
          : o.fulfilled
            ? ('fulfilled_elsewhere' as const)
            : ('pending' as const),
      };
    });
    // the rows as they were, read in the same statement as the upsert (its snapshot predates the write)
    const prev = db.$with('prev').as(
      db
        .select({
          channel: orders.channel,
          externalId: orders.externalId,
          cancelledAt: orders.cancelledAt,
          planFingerprint: orders.planFingerprint,
        })
        .from(orders)
        .where(
          and(
            eq(orders.shopId, shopId),
            inArray(orders.channel, [...new Set(items.map((i) => i.o.channel))]),
            inArray(
              orders.externalId,
              items.map((i) => i.o.externalId),
            ),
          ),
        ),
    );
    // a returned row's own version as it was (the target table is named in full: prev has the same columns)
    const same = sql`prev.channel = "orders".channel and prev.external_id = "orders".external_id`;
    const rows = await db
      .with(prev)
      .insert(orders)
      .values(values)
      .onConflictDoUpdate({
        target: [orders.shopId, orders.channel, orders.externalId],
        set: {
          name: sql`excluded.name`,
          email: sql`excluded.email`,
          customerExternalId: sql`excluded.customer_external_id`,
          customerLocale: sql`coalesce(excluded.customer_locale, ${orders.customerLocale})`,
          financialStatus: sql`excluded.financial_status`,
          currency: sql`excluded.currency`,
          totalPrice: sql`excluded.total_price`,
          tags: sql`excluded.tags`,
          shippingAddress: sql`excluded.shipping_address`,
          countryCode: sql`excluded.country_code`,
          zip: sql`excluded.zip`,
          latitude: sql`excluded.latitude`,
          longitude: sql`excluded.longitude`,
          shippingRateCode: sql`excluded.shipping_rate_code`,
          shippingRateTitle: sql`excluded.shipping_rate_title`,
          deliverBy: sql`excluded.deliver_by`,
          sourceUpdatedAt: sql`excluded.source_updated_at`,
          sourceObservedAt: sql`excluded.source_observed_at`,
          planFingerprint: sql`excluded.plan_fingerprint`,
          cancelledAt: sql`coalesce(${orders.cancelledAt}, excluded.cancelled_at)`,
          status: sql`case when coalesce(${orders.cancelledAt}, excluded.cancelled_at) is not null then 'cancelled'
              when excluded.status = 'fulfilled_elsewhere' and ${orders.status} in ('pending', 'backordered', 'on_hold') then 'fulfilled_elsewhere'
              else ${orders.status} end`,
          updatedAt: sql`now()`,
        },
        // Shopify's updated_at has one-second resolution: versions of the same second are ordered
        // by when they were observed (X-Shopify-Triggered-At, or our read time), and a
        // cancellation or a payment still wins over a version that lacks it
        setWhere: sql`${orders.sourceUpdatedAt} < excluded.source_updated_at
            or (${orders.sourceUpdatedAt} = excluded.source_updated_at and (
              (excluded.source_observed_at > ${orders.sourceObservedAt})
              or (${orders.cancelledAt} is null and excluded.cancelled_at is not null)
              or (${orders.financialStatus} is distinct from excluded.financial_status and excluded.financial_status = 'PAID' and ${orders.cancelledAt} is null)))`,
      })
      .returning({
        id: orders.id,
        cancelledAt: orders.cancelledAt,
        status: orders.status,
        channel: orders.channel,
        externalId: orders.externalId,
        existed: sql<boolean>`exists (select 1 from prev where ${same})`,
        wasCancelled: sql<boolean>`coalesce((select cancelled_at is not null from prev where ${same}), false)`,
        prevFingerprint: sql<string | null>`(select plan_fingerprint from prev where ${same})`,
      });
    return rows;
  }

  /** The version's row, unless a newer one is stored (see upsertIncoming); answers what it found and left. */
  async function upsertRow(shopId: number, o: IncomingOrder, planFingerprint: string) {
    return (await upsertRows(shopId, [{ o, planFingerprint }]))[0];
  }

  /** Lines of this order that its exchange orders ship: they stay with the exchange. */
  async function claimedLines(shopId: number, channel: string, externalId: string): Promise<string[]> {
    const rows = await db
      .select({ externalId: orderLines.externalId })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(
        and(eq(orders.shopId, shopId), eq(orders.channel, channel), eq(orders.channelOrderExternalId, externalId)),
      );
    return rows.map((x) => x.externalId);
  }

  /** Upserts lines of one or several orders, in one statement up to LINES_PER_STATEMENT (none: nothing is sent). */
  async function upsertLines(shopId: number, given: { orderId: number; line: IncomingOrderLine }[]): Promise<void> {
    // one row per order and line id (a repeated id would make the one upsert touch a row twice)
    const lines = [...new Map(given.map((l) => [`${l.orderId}\u0000${l.line.externalId}`, l])).values()];
    // a statement takes at most 65,535 parameters: a batch of many orders writes its lines in slices
    for (let i = 0; i < lines.length; i += LINES_PER_STATEMENT) {
      await db
        .insert(orderLines)
        .values(
          lines.slice(i, i + LINES_PER_STATEMENT).map(({ orderId, line }) => ({
            shopId,
            orderId,
            externalId: line.externalId,
            sku: line.sku,
            variantExternalId: line.variantExternalId,
            title: line.title,
            quantity: line.quantity,
            currentQuantity: line.currentQuantity,
            unitPrice: line.unitPrice,
            requiresShipping: line.requiresShipping,
          })),
        )
        .onConflictDoUpdate({
          target: [orderLines.orderId, orderLines.externalId],
          set: {
            sku: sql`excluded.sku`,
            variantExternalId: sql`excluded.variant_external_id`,
            title: sql`excluded.title`,
            quantity: sql`excluded.quantity`,
            currentQuantity: sql`excluded.current_quantity`,
            unitPrice: sql`excluded.unit_price`,
            requiresShipping: sql`excluded.requires_shipping`,
            updatedAt: sql`now()`,
          },
        });
    }
  }

  return {
    /**
     * Stores an order version unless a newer one is already stored (out-of-order webhooks),
     * and never un-cancels: `cancelled_at` only ever goes from null to a date.
     */
    async upsertIncoming(shopId: number, o: IncomingOrder): Promise<UpsertOrderResult> {
      const planFingerprint = planFingerprintOf(o);
      const row = await upsertRow(shopId, o, planFingerprint);
      if (!row) {
        const [current] = await db
          .select({ id: orders.id, cancelledAt: orders.cancelledAt })
          .from(orders)
          .where(and(eq(orders.shopId, shopId), eq(orders.channel, o.channel), eq(orders.externalId, o.externalId)));
        return {
          orderId: current!.id,
          outcome: 'stale',
          cancelled: current!.cancelledAt !== null,
          cancelledNow: false,
          settled: true,
          planChanged: false,
        };
      }
      // the plan inputs cover every line's id, SKU, quantity left and price; a line item's title,
      // variant and ordered quantity never change in Shopify or on a marketplace: same lines
      const linesUnchanged = row.existed && row.prevFingerprint === planFingerprint;
      if (!linesUnchanged) {
        // lines an exchange order ships (Shopify added them to this order when the exchange was
        // processed) stay there; a new order has no exchange yet
        const claimed = row.existed ? new Set(await claimedLines(shopId, o.channel, o.externalId)) : new Set<string>();
        await upsertLines(
          shopId,
          o.lines.filter((l) => !claimed.has(l.externalId)).map((line) => ({ orderId: row.id, line })),
        );
      }
      const cancelled = row.cancelledAt !== null;
      return {
        orderId: row.id,
        outcome: row.existed ? 'updated' : 'inserted',
        cancelled,
        cancelledNow: cancelled && !row.wasCancelled,
        settled: cancelled || SETTLED_STATUSES.has(row.status),
        planChanged: !row.existed || row.prevFingerprint !== planFingerprint,
      };
    },

    /**
     * What the version rule and routing read of these orders (those not held are absent), with the
     * lines their exchange orders claimed: an ingest batch reads them once to store several
     * versions of an order in one write (collapse-versions.ts).
     */
    async heldVersions(
      shopId: number,
      channel: string,
      externalIds: string[],
    ): Promise<Map<string, StoredOrderVersion & { id: number; claimedLines: string[] }>> {
      if (externalIds.length === 0) return new Map();
      const rows = await db
        .select({
          id: orders.id,
          externalId: orders.externalId,
          sourceUpdatedAt: orders.sourceUpdatedAt,
          sourceObservedAt: orders.sourceObservedAt,
          cancelledAt: orders.cancelledAt,
          financialStatus: orders.financialStatus,
          status: orders.status,
          planFingerprint: orders.planFingerprint,
          claimedLines: sql<
            string[]
          >`array(select l.external_id from ${orderLines} l join ${orders} x on x.id = l.order_id
            where x.shop_id = "orders".shop_id and x.channel = "orders".channel and x.channel_order_external_id = "orders".external_id)`,
        })
        .from(orders)
        .where(and(eq(orders.shopId, shopId), eq(orders.channel, channel), inArray(orders.externalId, externalIds)));
      return new Map(rows.map(({ externalId, ...r }) => [externalId, r]));
    },

    /**
     * Stores the writes the versions of several orders collapse into (collapse-versions.ts), rows
     * in one statement and lines in another, and answers each order's id; throws when a row
     * answers otherwise than its versions one by one would have, so the caller's transaction
     * fails instead of storing something else. `claimed`: the lines each order's exchanges ship.
     */
    async storeCollapsed(
      shopId: number,
      writes: { write: CollapsedWrite; claimed: string[] }[],
    ): Promise<Map<string, number>> {
      if (writes.length === 0) return new Map();
      const rows = await upsertRows(
        shopId,
        writes.map(({ write }) => ({ o: write.order, planFingerprint: write.planFingerprint })),
      );
      const byRef = new Map(rows.map((r) => [`${r.channel}\u0000${r.externalId}`, r]));
      const ids = new Map<string, number>();
      const lines: { orderId: number; line: IncomingOrderLine }[] = [];
      for (const { write, claimed } of writes) {
        const row = byRef.get(`${write.order.channel}\u0000${write.order.externalId}`);
        const got = row && {
          existed: row.existed,
          wasCancelled: row.wasCancelled,
          prevFingerprint: row.prevFingerprint,
          cancelled: row.cancelledAt !== null,
          status: row.status as string,
        };
        if (!row || JSON.stringify(got) !== JSON.stringify(write.expect))
          throw new Error(
            `order ${write.order.externalId}: collapsed versions stored ${JSON.stringify(got)}, expected ${JSON.stringify(write.expect)}`,
          );
        ids.set(write.order.externalId, row.id);
        const taken = new Set(claimed);
        for (const line of write.lines) if (!taken.has(line.externalId)) lines.push({ orderId: row.id, line });
      }
      await upsertLines(shopId, lines);
      return ids;
    },
  };
}
