import { and, asc, desc, eq, inArray, lte, notInArray, sql } from 'drizzle-orm';
import {
  allocationLines,
  allocations,
  backorders,
  dispatchAttempts,
  orders,
  type AllocationStatus,
} from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';
import { recordHandover } from './handover-rollup.js';

export type AllocationRow = typeof allocations.$inferSelect;
export type AllocationLineRow = typeof allocationLines.$inferSelect;

/** Allocations still holding stock or work at a warehouse. */
export const openStatuses: AllocationStatus[] = [
  'reserved',
  'ready',
  'leased',
  'acknowledged',
  'partially_shipped',
  'cancel_requested',
];
/** Allocations that no longer count for quantities. */
export const voidStatuses: AllocationStatus[] = ['rejected', 'cancelled'];

export interface NewAllocation {
  orderId: number;
  warehouseId: number;
  attempt: number;
  trace: unknown;
  promisedShipBy: Date | null;
  promisedDeliveryBy: Date | null;
  shipDate: string | null;
  serviceLevel: string | null;
  cost: string | null;
  distanceKm: number | null;
  locationExternalId: string | null;
  idempotencyKey: string;
  lines: { orderLineId: number; skuId: number; quantity: number }[];
}

export function createAllocationsRepo(db: DbOrTx) {
  return {
    async create(shopId: number, a: NewAllocation): Promise<AllocationRow> {
      const { lines, ...head } = a;
      const [row] = await db
        .insert(allocations)
        .values({ ...head, shopId, status: 'reserved' })
        .returning();
      await db.insert(allocationLines).values(lines.map((l) => ({ ...l, shopId, allocationId: row!.id })));
      return row!;
    },

    async get(shopId: number, id: number): Promise<AllocationRow | undefined> {
      const [row] = await db
        .select()
        .from(allocations)
        .where(and(eq(allocations.shopId, shopId), eq(allocations.id, id)));
      return row;
    },

    /** The warehouse's allocation with its order's channel id (what lock keys are named by), if held. */
    async withOrderRef(
      shopId: number,
      warehouseId: number,
      id: number,
    ): Promise<{ id: number; orderExternalId: string } | undefined> {
      const [row] = await db
        .select({ id: allocations.id, orderExternalId: orders.externalId })
        .from(allocations)
        .innerJoin(orders, and(eq(orders.shopId, allocations.shopId), eq(orders.id, allocations.orderId)))
        .where(and(eq(allocations.shopId, shopId), eq(allocations.id, id), eq(allocations.warehouseId, warehouseId)));
      return row;
    },

    async lines(shopId: number, allocationIds: number[]): Promise<AllocationLineRow[]> {
      if (allocationIds.length === 0) return [];
      return db
        .select()
        .from(allocationLines)
        .where(and(eq(allocationLines.shopId, shopId), inArray(allocationLines.allocationId, allocationIds)))
        .orderBy(asc(allocationLines.id));
    },

    /** The allocation Shopify's fulfillment order stands for, once placement recorded it. */
    async byFulfillmentOrder(shopId: number, foExternalId: string): Promise<AllocationRow | undefined> {
      const [row] = await db
        .select()
        .from(allocations)
        .where(and(eq(allocations.shopId, shopId), eq(allocations.fulfillmentOrderExternalId, foExternalId)));
      return row;
    },

    /** Allocations at a warehouse holding this SKU that no 3PL has taken yet, newest first. */
    async untakenWithSku(
      shopId: number,
      warehouseId: number,
      skuId: number,
    ): Promise<{ id: number; orderId: number; status: AllocationStatus }[]> {
      return db
        .select({ id: allocations.id, orderId: allocations.orderId, status: allocations.status })
        .from(allocations)
        .innerJoin(allocationLines, eq(allocationLines.allocationId, allocations.id))
        .where(
          and(
            eq(allocations.shopId, shopId),
            eq(allocations.warehouseId, warehouseId),
            eq(allocationLines.skuId, skuId),
            inArray(allocations.status, ['reserved', 'ready', 'leased']),
          ),
        )
        .orderBy(desc(allocations.id));
    },

    async forOrder(shopId: number, orderId: number): Promise<AllocationRow[]> {
      return db
        .select()
        .from(allocations)
        .where(and(eq(allocations.shopId, shopId), eq(allocations.orderId, orderId)))
        .orderBy(asc(allocations.id));
    },

    async nextAttempt(shopId: number, orderId: number): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`coalesce(max(${allocations.attempt}), 0)::int` })
        .from(allocations)
        .where(and(eq(allocations.shopId, shopId), eq(allocations.orderId, orderId)));
      return Number(row?.n ?? 0) + 1;
    },

    /** Units per order line already covered by live allocations (shipped units count too). */
    async coveredByLine(shopId: number, orderId: number): Promise<Map<number, number>> {
      const rows = await db
        .select({ orderLineId: allocationLines.orderLineId, q: sql<number>`sum(${allocationLines.quantity})::int` })
        .from(allocationLines)
        .innerJoin(allocations, eq(allocations.id, allocationLines.allocationId))
        .where(
          and(
            eq(allocations.shopId, shopId),
            eq(allocations.orderId, orderId),
            notInArray(allocations.status, voidStatuses),
          ),
        )
        .groupBy(allocationLines.orderLineId);
      return new Map(rows.map((r) => [r.orderLineId, Number(r.q)]));
    },

    /** Moves an allocation between states only from the states given; false if it was elsewhere. */
    async transition(
      shopId: number,
      id: number,
      from: AllocationStatus[],
      to: AllocationStatus,
      patch: Partial<typeof allocations.$inferInsert> = {},
    ): Promise<AllocationRow | undefined> {
      const update = (tx: DbOrTx) =>
        tx
          .update(allocations)
          .set({ ...patch, status: to, updatedAt: new Date() })
          .where(and(eq(allocations.shopId, shopId), eq(allocations.id, id), inArray(allocations.status, from)))
          .returning();
      if (!patch.acknowledgedAt) return (await update(db))[0];
      // an acknowledgement also keeps the overview's hand-over rollup, in the same transaction
      return db.transaction(async (tx) => {
        const [row] = await update(tx);
        if (row?.acknowledgedAt) await recordHandover(tx, shopId, row.orderId, row.acknowledgedAt);
        return row;
      });
    },

    async setDispatchOutcome(
      shopId: number,
      id: number,
      patch: {
        dispatchAttempts?: number;
        dispatchError?: string | null;
        fulfillmentOrderExternalId?: string | null;
        locationExternalId?: string | null;
      },
    ): Promise<void> {
      await db
        .update(allocations)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(allocations.shopId, shopId), eq(allocations.id, id)));
    },

    /** Where Shopify holds an allocation line once placement moved it: fulfillment order and its line. */
    async setFulfillmentOrderLine(lineId: number, foExternalId: string, foLineExternalId: string): Promise<void> {
      await db.update(allocationLines).set({ foExternalId, foLineExternalId }).where(eq(allocationLines.id, lineId));
    },

    /** One try at handing the allocation to its 3PL, with its outcome, for the admin's history. */
    async recordDispatchAttempt(
      shopId: number,
      a: { allocationId: number; attempt: number; statusCode?: number; error?: string; durationMs: number },
    ): Promise<void> {
      await db.insert(dispatchAttempts).values({ shopId, ...a });
    },

    async upsertBackorder(
      shopId: number,
      b: {
        orderId: number;
        orderLineId: number;
        sku: string;
        quantity: number;
        outcome: 'hold' | 'partial' | 'cancel_at';
        cancelAt: Date | null;
      },
    ): Promise<void> {
      await db
        .insert(backorders)
        .values({ shopId, ...b, status: 'open' })
        // units the backorder policy cancelled stay cancelled: routing no longer counts them as open
        .onConflictDoUpdate({
          target: backorders.orderLineId,
          set: {
            quantity: b.quantity,
            outcome: b.outcome,
            cancelAt: b.cancelAt,
            status: 'open',
            updatedAt: new Date(),
          },
          setWhere: sql`${backorders.status} <> 'cancelled'`,
        });
    },

    /** Units per order line the backorder policy cancelled: no longer to route. */
    async cancelledBackordersByLine(shopId: number, orderId: number): Promise<Map<number, number>> {
      const rows = await db
        .select({ orderLineId: backorders.orderLineId, quantity: backorders.quantity })
        .from(backorders)
        .where(and(eq(backorders.shopId, shopId), eq(backorders.orderId, orderId), eq(backorders.status, 'cancelled')));
      return new Map(rows.map((r) => [r.orderLineId, r.quantity]));
    },

    /** Orders (any shop) holding an open backorder whose `cancel_after_days` deadline has passed. */
    async ordersWithDueBackorders(now: Date, limit: number): Promise<{ shopId: number; orderId: number }[]> {
      return db
        .selectDistinct({ shopId: backorders.shopId, orderId: backorders.orderId })
        .from(backorders)
        .where(and(eq(backorders.status, 'open'), eq(backorders.outcome, 'cancel_at'), lte(backorders.cancelAt, now)))
        .limit(limit);
    },

    /** Cancels the order's due backorders; returns only the rows this call moved from open to cancelled. */
    async cancelDueBackorders(shopId: number, orderId: number, now: Date) {
      return db
        .update(backorders)
        .set({ status: 'cancelled', updatedAt: now })
        .where(
          and(
            eq(backorders.shopId, shopId),
            eq(backorders.orderId, orderId),
            eq(backorders.status, 'open'),
            eq(backorders.outcome, 'cancel_at'),
            lte(backorders.cancelAt, now),
          ),
        )
        .returning({
          orderLineId: backorders.orderLineId,
          sku: backorders.sku,
          quantity: backorders.quantity,
          cancelAt: backorders.cancelAt,
        });
    },

    async closeBackorders(
      shopId: number,
      orderId: number,
      status: 'resolved' | 'cancelled',
      exceptLineIds: number[] = [],
    ): Promise<void> {
      await db
        .update(backorders)
        .set({ status, updatedAt: new Date() })
        .where(
          and(
            eq(backorders.shopId, shopId),
            eq(backorders.orderId, orderId),
            eq(backorders.status, 'open'),
            exceptLineIds.length ? notInArray(backorders.orderLineId, exceptLineIds) : undefined,
          ),
        );
    },

    async openBackorders(shopId: number, orderId: number) {
      return db
        .select()
        .from(backorders)
        .where(and(eq(backorders.shopId, shopId), eq(backorders.orderId, orderId), eq(backorders.status, 'open')));
    },

    /** Orders waiting for these SKUs, oldest first: the ones to re-route when stock arrives. */
    async ordersBackorderedOn(shopId: number, skuCodes: string[]): Promise<number[]> {
      if (skuCodes.length === 0) return [];
      const rows = await db
        .selectDistinct({ orderId: backorders.orderId, createdAt: backorders.createdAt })
        .from(backorders)
        .where(and(eq(backorders.shopId, shopId), eq(backorders.status, 'open'), inArray(backorders.sku, skuCodes)))
        .orderBy(asc(backorders.createdAt));
      return [...new Set(rows.map((r) => r.orderId))];
    },
  };
}
export type AllocationsRepo = ReturnType<typeof createAllocationsRepo>;

/** Allocations whose hand-over to the 3PL failed for good: the dispatch dead letters. */
export function createDispatchFailuresRepo(db: DbOrTx) {
  return {
    async list(shopId: number) {
      return db
        .select()
        .from(allocations)
        .where(
          and(
            eq(allocations.shopId, shopId),
            eq(allocations.status, 'reserved'),
            sql`${allocations.dispatchError} is not null`,
          ),
        )
        .orderBy(asc(allocations.id))
        .limit(500);
    },
    /** Clears the failure so the sweeper and the job below try again; returns the ids revived. */
    async revive(shopId: number, ids: number[] | 'all'): Promise<number[]> {
      const rows = await db
        .update(allocations)
        .set({ dispatchError: null, dispatchAttempts: 0, updatedAt: new Date() })
        .where(
          and(
            eq(allocations.shopId, shopId),
            eq(allocations.status, 'reserved'),
            sql`${allocations.dispatchError} is not null`,
            ids === 'all' ? undefined : inArray(allocations.id, ids.length ? ids : [-1]),
          ),
        )
        .returning({ id: allocations.id });
      return rows.map((r) => r.id);
    },
  };
}
