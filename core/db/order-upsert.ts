import { and, eq, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { orderLines, orders } from '../../drizzle/schema/index.js';
import type { CollapsedWrite, StoredOrderVersion } from '../domain/orders/collapse-versions.js';
import type { IncomingOrder, IncomingOrderLine } from '../domain/orders/incoming-order.js';
import { planInputs } from '../domain/orders/plan-inputs.js';
import { anyOfTexts } from './array-literals.js';
import type { DbOrTx } from './client.js';
import { rowsOf } from './rows-of.js';

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

/** A row of the order upsert, as Postgres answers it. */
interface UpsertedRow {
  id: number | string;
  cancelled: boolean;
  status: string;
  channel: string;
  external_id: string;
  existed: boolean;
  was_cancelled: boolean;
  prev_fingerprint: string | null;
}

/** States routing never touches again: a version of such an order queues no routing run. */
const SETTLED_STATUSES = new Set<string>(['shipped', 'delivered', 'fulfilled_elsewhere']);

/** The stored form of planInputs: equal fingerprints route the same way. */
export const planFingerprintOf = (o: IncomingOrder) => createHash('sha1').update(planInputs(o)).digest('base64url');

/**
 * Order versions as one JSON parameter read back as rows, so the upsert's text is the same for one
 * order or a batch of many (see array-literals.ts).
 */
function orderRecords(items: { o: IncomingOrder; planFingerprint: string }[]) {
  const records = items.map(({ o, planFingerprint }) => {
    const a = o.shippingAddress;
    return {
      channel: o.channel,
      external_id: o.externalId,
      name: o.name,
      email: o.email,
      customer_external_id: o.customerExternalId,
      customer_locale: o.customerLocale ?? null,
      financial_status: o.financialStatus,
      currency: o.currency,
      total_price: o.totalPrice,
      tags: o.tags,
      shipping_address: a,
      country_code: a?.countryCode ?? null,
      zip: a?.zip ?? null,
      latitude: a?.latitude ?? null,
      longitude: a?.longitude ?? null,
      shipping_rate_code: o.shippingRate?.code ?? null,
      shipping_rate_title: o.shippingRate?.title ?? null,
      deliver_by: o.deliverBy ?? null,
      placed_at: o.placedAt,
      source_updated_at: o.updatedAt,
      source_observed_at: o.observedAt ?? null,
      plan_fingerprint: planFingerprint,
      cancelled_at: o.cancelledAt,
      status: o.cancelledAt ? 'cancelled' : o.fulfilled ? 'fulfilled_elsewhere' : 'pending',
    };
  });
  return sql`jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(channel text, external_id text,
    name text, email text, customer_external_id text, customer_locale text, financial_status text,
    currency text, total_price numeric, tags text[], shipping_address jsonb, country_code text, zip text,
    latitude float8, longitude float8, shipping_rate_code text, shipping_rate_title text, deliver_by text,
    placed_at timestamptz, source_updated_at timestamptz, source_observed_at timestamptz,
    plan_fingerprint text, cancelled_at timestamptz, status text)`;
}

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
    const rows = rowsOf<UpsertedRow>(
      await db.execute(sql`
      with v as (select * from ${orderRecords(items)}),
      -- the rows as they were (the statement's snapshot predates its write)
      prev as (
        select o.channel, o.external_id, o.cancelled_at, o.plan_fingerprint
        from orders o join v on o.channel = v.channel and o.external_id = v.external_id
        where o.shop_id = ${shopId}::bigint)
      insert into orders as o (shop_id, channel, external_id, name, email, customer_external_id,
        customer_locale, financial_status, currency, total_price, tags, shipping_address, country_code,
        zip, latitude, longitude, shipping_rate_code, shipping_rate_title, deliver_by, placed_at,
        source_updated_at, source_observed_at, plan_fingerprint, cancelled_at, status)
      select ${shopId}::bigint, channel, external_id, name, email, customer_external_id,
        customer_locale, financial_status, currency, total_price, tags, shipping_address, country_code,
        zip, latitude, longitude, shipping_rate_code, shipping_rate_title, deliver_by, placed_at,
        source_updated_at, source_observed_at, plan_fingerprint, cancelled_at, status
      from v
      on conflict (shop_id, channel, external_id) do update set
        name = excluded.name, email = excluded.email, customer_external_id = excluded.customer_external_id,
        customer_locale = coalesce(excluded.customer_locale, o.customer_locale),
        financial_status = excluded.financial_status, currency = excluded.currency,
        total_price = excluded.total_price, tags = excluded.tags, shipping_address = excluded.shipping_address,
        country_code = excluded.country_code, zip = excluded.zip, latitude = excluded.latitude,
        longitude = excluded.longitude, shipping_rate_code = excluded.shipping_rate_code,
        shipping_rate_title = excluded.shipping_rate_title, deliver_by = excluded.deliver_by,
        source_updated_at = excluded.source_updated_at, source_observed_at = excluded.source_observed_at,
        plan_fingerprint = excluded.plan_fingerprint,
        cancelled_at = coalesce(o.cancelled_at, excluded.cancelled_at),
        status = case when coalesce(o.cancelled_at, excluded.cancelled_at) is not null then 'cancelled'
          when excluded.status = 'fulfilled_elsewhere' and o.status in ('pending', 'backordered', 'on_hold') then 'fulfilled_elsewhere'
          else o.status end,
        updated_at = now()
      -- Shopify's updated_at has one-second resolution: versions of the same second are ordered by
      -- when they were observed (X-Shopify-Triggered-At, or our read time), and a cancellation or
      -- a payment still wins over a version that lacks it
      where o.source_updated_at < excluded.source_updated_at
        or (o.source_updated_at = excluded.source_updated_at and (
          (excluded.source_observed_at > o.source_observed_at)
          or (o.cancelled_at is null and excluded.cancelled_at is not null)
          or (o.financial_status is distinct from excluded.financial_status and excluded.financial_status = 'PAID' and o.cancelled_at is null)))
      returning o.id, o.cancelled_at is not null as cancelled, o.status, o.channel, o.external_id,
        exists (select 1 from prev p where p.channel = o.channel and p.external_id = o.external_id) as existed,
        coalesce((select p.cancelled_at is not null from prev p where p.channel = o.channel and p.external_id = o.external_id), false) as was_cancelled,
        (select p.plan_fingerprint from prev p where p.channel = o.channel and p.external_id = o.external_id) as prev_fingerprint`),
    );
    return rows.map((r) => ({
      id: Number(r.id),
      cancelled: r.cancelled,
      status: r.status,
      channel: r.channel,
      externalId: r.external_id,
      existed: r.existed,
      wasCancelled: r.was_cancelled,
      prevFingerprint: r.prev_fingerprint,
    }));
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

  /** Upserts lines of one or several orders in one statement (none: nothing is sent). */
  async function upsertLines(shopId: number, given: { orderId: number; line: IncomingOrderLine }[]): Promise<void> {
    // one row per order and line id (a repeated id would make the one upsert touch a row twice)
    const lines = [...new Map(given.map((l) => [`${l.orderId}\u0000${l.line.externalId}`, l])).values()];
    if (lines.length === 0) return;
    const records = lines.map(({ orderId, line }) => ({
      order_id: orderId,
      external_id: line.externalId,
      sku: line.sku,
      variant_external_id: line.variantExternalId,
      title: line.title,
      quantity: line.quantity,
      current_quantity: line.currentQuantity,
      unit_price: line.unitPrice,
      requires_shipping: line.requiresShipping,
    }));
    await db.execute(sql`
      insert into order_lines (shop_id, order_id, external_id, sku, variant_external_id, title, quantity,
        current_quantity, unit_price, requires_shipping)
      select ${shopId}::bigint, order_id, external_id, sku, variant_external_id, title, quantity,
        current_quantity, unit_price, requires_shipping
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(order_id bigint, external_id text,
        sku text, variant_external_id text, title text, quantity int, current_quantity int,
        unit_price numeric, requires_shipping boolean)
      on conflict (order_id, external_id) do update set
        sku = excluded.sku, variant_external_id = excluded.variant_external_id, title = excluded.title,
        quantity = excluded.quantity, current_quantity = excluded.current_quantity,
        unit_price = excluded.unit_price, requires_shipping = excluded.requires_shipping, updated_at = now()`);
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
      const cancelled = row.cancelled;
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
        .where(and(eq(orders.shopId, shopId), eq(orders.channel, channel), anyOfTexts(orders.externalId, externalIds)));
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
          cancelled: row.cancelled,
          status: row.status,
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
