import { and, asc, eq, gt, gte, inArray, lt, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { allocations, orders } from '../../drizzle/schema/index.js';
import { allocationStatuses, type AllocationStatus } from '../../drizzle/schema/index.js';
import type { Address } from '../domain/address.js';
import { allocationColumnsWithoutTrace, type AllocationWithoutTrace } from './allocation-columns.js';
import type { DbOrTx } from './client.js';
import { fromJson } from './from-json.js';
import { rowsOf } from './rows-of.js';

/** An allocation as a 3PL sees it through the feed. */
export interface FeedAllocation {
  id: number;
  status: AllocationStatus;
  idempotencyKey: string;
  orderName: string;
  orderExternalId: string;
  channel: string;
  createdAt: Date;
  updatedAt: Date;
  promisedShipBy: Date | null;
  promisedDeliveryBy: Date | null;
  serviceLevel: string | null;
  leaseUntil: Date | null;
  shipTo: Address | null;
  email: string | null;
  lines: {
    lineId: number;
    orderLineId: number;
    sku: string;
    title: string;
    quantity: number;
    shippedQuantity: number;
  }[];
}

/**
 * A status test with the statuses as literals, not parameters. Postgres plans a prepared statement
 * once per connection only when that generic plan costs no more than a custom one; with the status
 * a parameter, the generic plan could not see how few rows are 'ready', so every poll was planned
 * again (about a millisecond each).
 */
function statusIn(statuses: readonly AllocationStatus[]): SQL {
  for (const s of statuses) if (!allocationStatuses.includes(s)) throw new Error(`not an allocation status: ${s}`);
  return sql`${allocations.status} in (${sql.raw(statuses.map((s) => `'${s}'`).join(', '))})`;
}

/** Allocations a poller may take: ready ones, and leased ones whose lease ran out. */
const takeable = (now: Date) => or(statusIn(['ready']), and(statusIn(['leased']), lt(allocations.leaseUntil, now)));

/** An acknowledgement's outcome: the allocation as it stood before, and whether this call acknowledged it. */
export interface AcknowledgeOutcome {
  status: AllocationStatus;
  leaseToken: string | null;
  leaseUntil: Date | null;
  moved: boolean;
}

/** One allocation line as the feed shows it. */
type FeedLine = FeedAllocation['lines'][number];

/** The allocation's lines as one JSON array, in line order: no second query per page. */
const linesOf = (shopId: SQL | AnyColumn, allocationId: SQL | AnyColumn) => sql`coalesce((
  select json_agg(json_build_object(
    'lineId', al.id, 'orderLineId', al.order_line_id, 'sku', s.sku, 'title', ol.title,
    'quantity', al.quantity, 'shippedQuantity', al.shipped_quantity) order by al.id)
  from allocation_lines al
  join skus s on s.id = al.sku_id
  join order_lines ol on ol.id = al.order_line_id
  where al.shop_id = ${shopId} and al.allocation_id = ${allocationId}), '[]'::json)`;

const linesJson = sql<FeedLine[]>`${linesOf(allocations.shopId, allocations.id)}`.mapWith(fromJson<FeedLine[]>);

/** A leased allocation with its order's part, as the lease statement answers it. */
interface LeasedRow {
  id: string | number;
  status: AllocationStatus;
  idempotency_key: string;
  created_at: string | Date;
  updated_at: string | Date;
  promised_ship_by: string | Date | null;
  promised_delivery_by: string | Date | null;
  service_level: string | null;
  lease_until: string | Date | null;
  name: string;
  external_id: string;
  channel: string;
  shipping_address: unknown;
  email: string | null;
  lines: unknown;
}

/** What the feed shows of an allocation's order, read in the allocation's own query. */
const orderColumns = {
  orderName: orders.name,
  orderExternalId: orders.externalId,
  channel: orders.channel,
  shipTo: orders.shippingAddress,
  email: orders.email,
  lines: linesJson,
};

/** The order's part of a feed allocation, as `orderColumns` reads it. */
type OrderPart = Pick<FeedAllocation, 'orderName' | 'orderExternalId' | 'channel' | 'shipTo' | 'email' | 'lines'>;

// the feed reads no trace: a listing of fifty would otherwise read, send and parse it fifty times over
function toFeed(r: AllocationWithoutTrace, o: OrderPart): FeedAllocation {
  return {
    id: r.id,
    status: r.status,
    idempotencyKey: r.idempotencyKey,
    orderName: o.orderName,
    orderExternalId: o.orderExternalId,
    channel: o.channel,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    promisedShipBy: r.promisedShipBy,
    promisedDeliveryBy: r.promisedDeliveryBy,
    serviceLevel: r.serviceLevel,
    leaseUntil: r.status === 'leased' ? r.leaseUntil : null,
    shipTo: o.shipTo,
    email: o.email,
    lines: o.lines,
  };
}

/** Queries of the 3PL feed; every one is scoped to one shop and one warehouse. */
export function createFeedRepo(db: DbOrTx) {
  /** Allocations with their order and lines, in one statement. */
  const selectFeed = () =>
    db
      .select({ a: allocationColumnsWithoutTrace, ...orderColumns })
      .from(allocations)
      .innerJoin(orders, and(eq(orders.id, allocations.orderId), eq(orders.shopId, allocations.shopId)));

  async function hydrate(shopId: number, rows: AllocationWithoutTrace[]): Promise<FeedAllocation[]> {
    if (rows.length === 0) return [];
    const found = await db
      .select({ id: allocations.id, ...orderColumns })
      .from(allocations)
      .innerJoin(orders, and(eq(orders.id, allocations.orderId), eq(orders.shopId, allocations.shopId)))
      .where(
        and(
          eq(allocations.shopId, shopId),
          inArray(
            allocations.id,
            rows.map((r) => r.id),
          ),
        ),
      );
    const byId = new Map(found.map((f) => [f.id, f]));
    return rows.map((r) => toFeed(r, byId.get(r.id)!));
  }

  return {
    hydrate,

    /**
     * Read-only listing, keyset-paginated by id: by status, or what a poller may take now
     * (`takeableAt`), optionally only what changed since an instant.
     */
    async list(
      shopId: number,
      warehouseId: number,
      opts: {
        statuses: AllocationStatus[] | 'takeable';
        now?: Date;
        changedSince?: Date;
        after?: number;
        limit: number;
      },
    ): Promise<FeedAllocation[]> {
      const byStatus = opts.statuses === 'takeable' ? takeable(opts.now ?? new Date()) : statusIn(opts.statuses);
      const rows = await selectFeed()
        .where(
          and(
            eq(allocations.shopId, shopId),
            eq(allocations.warehouseId, warehouseId),
            byStatus,
            opts.after ? gt(allocations.id, opts.after) : undefined,
            opts.changedSince ? gte(allocations.updatedAt, opts.changedSince) : undefined,
          ),
        )
        .orderBy(asc(allocations.id))
        .limit(opts.limit);
      return rows.map(({ a, ...o }) => toFeed(a, o));
    },

    async get(shopId: number, warehouseId: number, id: number): Promise<FeedAllocation | undefined> {
      const [row] = await selectFeed().where(
        and(eq(allocations.shopId, shopId), eq(allocations.warehouseId, warehouseId), eq(allocations.id, id)),
      );
      return row ? toFeed(row.a, row) : undefined;
    },

    /**
     * Takes up to `limit` allocations for one poller: `FOR UPDATE SKIP LOCKED` means two pollers
     * running at once never receive the same allocation.
     */
    async lease(
      shopId: number,
      warehouseId: number,
      opts: { limit: number; leaseMs: number; token: string; now: Date },
    ): Promise<FeedAllocation[]> {
      const until = new Date(opts.now.getTime() + opts.leaseMs);
      // the lease and what the 3PL is shown of each allocation in one statement (the order's
      // columns and the lines are read beside the rows the update returns)
      const result = await db.execute(sql`
        with picked as (
          select id from allocations
          where shop_id = ${shopId} and warehouse_id = ${warehouseId} and ${takeable(opts.now)}
          order by promised_ship_by, id
          limit ${opts.limit}
          for update skip locked
        ), leased as (
          update allocations a
          set status = 'leased', lease_until = ${until.toISOString()}::timestamptz, lease_token = ${opts.token},
              updated_at = now()
          from picked where a.id = picked.id
          returning a.id, a.shop_id, a.order_id, a.status, a.idempotency_key, a.created_at, a.updated_at,
            a.promised_ship_by, a.promised_delivery_by, a.service_level, a.lease_until
        )
        select l.id, l.status, l.idempotency_key, l.created_at, l.updated_at, l.promised_ship_by,
          l.promised_delivery_by, l.service_level, l.lease_until, o.name, o.external_id, o.channel,
          o.shipping_address, o.email, ${linesOf(sql`l.shop_id`, sql`l.id`)} as lines
        from leased l join orders o on o.id = l.order_id and o.shop_id = l.shop_id`);
      const at = (v: string | Date | null) => (v === null ? null : new Date(v));
      const leased = rowsOf<LeasedRow>(result).map((r): FeedAllocation => ({
        id: Number(r.id),
        status: r.status,
        idempotencyKey: r.idempotency_key,
        orderName: r.name,
        orderExternalId: r.external_id,
        channel: r.channel,
        createdAt: new Date(r.created_at),
        updatedAt: new Date(r.updated_at),
        promisedShipBy: at(r.promised_ship_by),
        promisedDeliveryBy: at(r.promised_delivery_by),
        serviceLevel: r.service_level,
        leaseUntil: at(r.lease_until),
        shipTo: fromJson<Address | null>(r.shipping_address),
        email: r.email,
        lines: fromJson<FeedLine[]>(r.lines),
      }));
      return leased.sort(
        (a, b) => (a.promisedShipBy?.getTime() ?? 0) - (b.promisedShipBy?.getTime() ?? 0) || a.id - b.id,
      );
    },

    /** Moves the lease of its holder (same token) to `until`, or ends it (`until` null: ready again). */
    async setLease(
      shopId: number,
      warehouseId: number,
      id: number,
      token: string,
      until: Date | null,
    ): Promise<{ id: number; status: AllocationStatus; leaseUntil: Date | null } | undefined> {
      const [row] = await db
        .update(allocations)
        .set(
          until
            ? { leaseUntil: until, updatedAt: sql`now()` }
            : { status: 'ready', leaseUntil: null, leaseToken: null, updatedAt: sql`now()` },
        )
        .where(
          and(
            eq(allocations.shopId, shopId),
            eq(allocations.warehouseId, warehouseId),
            eq(allocations.id, id),
            eq(allocations.status, 'leased'),
            eq(allocations.leaseToken, token),
          ),
        )
        .returning({ id: allocations.id, status: allocations.status, leaseUntil: allocations.leaseUntil });
      return row;
    },

    /**
     * Acknowledges in one statement: the allocation as it stood, and whether this call moved it
     * from ready or leased (a live lease only with its token, as assertLeaseHolder says) to
     * acknowledged, with its hand-over rollup (see handover-rollup.ts) and its audit entry.
     */
    async acknowledge(
      shopId: number,
      warehouseId: number,
      id: number,
      opts: { leaseToken: string | null; now: Date; actor: string },
    ): Promise<AcknowledgeOutcome | undefined> {
      const now = opts.now.toISOString();
      const result = await db.execute(sql`
        with seen as (
          select status, lease_token, lease_until from allocations
          where shop_id = ${shopId} and warehouse_id = ${warehouseId} and id = ${id}
        ), moved as (
          update allocations
          set status = 'acknowledged', acknowledged_at = ${now}::timestamptz, lease_until = null,
              lease_token = null, updated_at = ${now}::timestamptz
          where shop_id = ${shopId} and warehouse_id = ${warehouseId} and id = ${id}
            and (status = 'ready' or (status = 'leased'
              and (lease_until is null or lease_until <= ${now}::timestamptz or lease_token = ${opts.leaseToken})))
          returning id, order_id, acknowledged_at
        ), handover as (
          insert into order_handovers (order_id, shop_id, acknowledged_at, minutes)
          select m.order_id, ${shopId}, m.acknowledged_at, extract(epoch from (m.acknowledged_at
            - (select o.placed_at from orders o where o.id = m.order_id and o.shop_id = ${shopId}))) / 60.0
          from moved m
          on conflict (order_id) do update set acknowledged_at = excluded.acknowledged_at, minutes = excluded.minutes
          where excluded.acknowledged_at < order_handovers.acknowledged_at
        ), audit as (
          insert into audit_log (shop_id, entity, entity_id, action, actor, data)
          select ${shopId}, 'order', m.order_id::text, 'acknowledged_by_3pl', ${opts.actor},
            jsonb_build_object('allocationId', m.id)
          from moved m
        )
        select status, lease_token, lease_until, exists (select 1 from moved) as moved from seen`);
      const [row] = rowsOf<{
        status: AllocationStatus;
        lease_token: string | null;
        lease_until: string | Date | null;
        moved: boolean;
      }>(result);
      if (!row) return undefined;
      return {
        status: row.status,
        leaseToken: row.lease_token,
        leaseUntil: row.lease_until === null ? null : new Date(row.lease_until),
        moved: row.moved,
      };
    },

    async countTakeable(shopId: number, warehouseId: number, now: Date): Promise<number> {
      const [r] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(allocations)
        .where(and(eq(allocations.shopId, shopId), eq(allocations.warehouseId, warehouseId), takeable(now)));
      return Number(r?.n ?? 0);
    },
  };
}
