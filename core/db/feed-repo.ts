import { and, asc, eq, gt, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { allocationLines, allocations, orderLines, orders, skus } from '../../drizzle/schema/index.js';
import type { AllocationStatus } from '../../drizzle/schema/index.js';
import type { Address } from '../domain/address.js';
import type { DbOrTx } from './client.js';

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

/** Allocations a poller may take: ready ones, and leased ones whose lease ran out. */
const takeable = (now: Date) =>
  or(eq(allocations.status, 'ready'), and(eq(allocations.status, 'leased'), lt(allocations.leaseUntil, now)));

/** Queries of the 3PL feed; every one is scoped to one shop and one warehouse. */
export function createFeedRepo(db: DbOrTx) {
  async function hydrate(shopId: number, rows: (typeof allocations.$inferSelect)[]): Promise<FeedAllocation[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const lines = await db
      .select({
        allocationId: allocationLines.allocationId,
        lineId: allocationLines.id,
        orderLineId: allocationLines.orderLineId,
        sku: skus.sku,
        title: orderLines.title,
        quantity: allocationLines.quantity,
        shippedQuantity: allocationLines.shippedQuantity,
      })
      .from(allocationLines)
      .innerJoin(skus, eq(skus.id, allocationLines.skuId))
      .innerJoin(orderLines, eq(orderLines.id, allocationLines.orderLineId))
      .where(and(eq(allocationLines.shopId, shopId), inArray(allocationLines.allocationId, ids)))
      .orderBy(asc(allocationLines.id));
    const orderRows = await db
      .select()
      .from(orders)
      .where(and(eq(orders.shopId, shopId), inArray(orders.id, [...new Set(rows.map((r) => r.orderId))])));
    const byOrder = new Map(orderRows.map((o) => [o.id, o]));
    return rows.map((r) => {
      const o = byOrder.get(r.orderId)!;
      return {
        id: r.id,
        status: r.status,
        idempotencyKey: r.idempotencyKey,
        orderName: o.name,
        orderExternalId: o.externalId,
        channel: o.channel,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        promisedShipBy: r.promisedShipBy,
        promisedDeliveryBy: r.promisedDeliveryBy,
        serviceLevel: r.serviceLevel,
        leaseUntil: r.status === 'leased' ? r.leaseUntil : null,
        shipTo: o.shippingAddress,
        email: o.email,
        lines: lines.filter((l) => l.allocationId === r.id).map(({ allocationId: _a, ...l }) => l),
      };
    });
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
      const byStatus =
        opts.statuses === 'takeable' ? takeable(opts.now ?? new Date()) : inArray(allocations.status, opts.statuses);
      const rows = await db
        .select()
        .from(allocations)
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
      return hydrate(shopId, rows);
    },

    async get(shopId: number, warehouseId: number, id: number): Promise<FeedAllocation | undefined> {
      const rows = await db
        .select()
        .from(allocations)
        .where(and(eq(allocations.shopId, shopId), eq(allocations.warehouseId, warehouseId), eq(allocations.id, id)));
      return (await hydrate(shopId, rows))[0];
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
      const picked = db
        .select({ id: allocations.id })
        .from(allocations)
        .where(and(eq(allocations.shopId, shopId), eq(allocations.warehouseId, warehouseId), takeable(opts.now)))
        .orderBy(asc(allocations.promisedShipBy), asc(allocations.id))
        .limit(opts.limit)
        .for('update', { skipLocked: true });
      const rows = await db
        .update(allocations)
        .set({ status: 'leased', leaseUntil: until, leaseToken: opts.token, updatedAt: sql`now()` })
        .where(inArray(allocations.id, picked))
        .returning();
      rows.sort((a, b) => (a.promisedShipBy?.getTime() ?? 0) - (b.promisedShipBy?.getTime() ?? 0) || a.id - b.id);
      return hydrate(shopId, rows);
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

    async countTakeable(shopId: number, warehouseId: number, now: Date): Promise<number> {
      const [r] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(allocations)
        .where(and(eq(allocations.shopId, shopId), eq(allocations.warehouseId, warehouseId), takeable(now)));
      return Number(r?.n ?? 0);
    },
  };
}
