import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import {
  orderLines,
  orders,
  returnLines,
  returnPolicies,
  returnReceipts,
  returns,
  stockLevels,
} from '../../drizzle/schema/index.js';
import { defaultReturnPolicy, type ReturnPolicy } from '../domain/returns/policy.js';
import type { ReturnState } from '../domain/returns/state-machine.js';
import type { DbOrTx } from './client.js';

export type ReturnRow = typeof returns.$inferSelect;
export type ReturnLineRow = typeof returnLines.$inferSelect;
export type NewReturn = Omit<typeof returns.$inferInsert, 'shopId' | 'id'>;
export type NewReturnLine = Omit<typeof returnLines.$inferInsert, 'shopId' | 'id' | 'returnId'>;
export type ReturnWithLines = ReturnRow & { lines: ReturnLineRow[] };

export interface ReturnListFilter {
  states?: ReturnState[];
  source?: string;
  warehouseId?: number;
  q?: string;
  from?: Date;
  to?: Date;
}

/** Returns, their lines, receipts and the shop's return policy; every query is scoped to one shop. */
export function createReturnsRepo(db: DbOrTx) {
  const linesOf = async (shopId: number, ids: number[]) =>
    ids.length === 0
      ? []
      : db
          .select()
          .from(returnLines)
          .where(and(eq(returnLines.shopId, shopId), inArray(returnLines.returnId, ids)))
          .orderBy(asc(returnLines.id));
  const withLines = async (shopId: number, rows: ReturnRow[]): Promise<ReturnWithLines[]> => {
    const lines = await linesOf(
      shopId,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({ ...r, lines: lines.filter((l) => l.returnId === r.id) }));
  };
  return {
    async policy(shopId: number): Promise<ReturnPolicy> {
      const [row] = await db
        .select({ policy: returnPolicies.policy })
        .from(returnPolicies)
        .where(eq(returnPolicies.shopId, shopId));
      return { ...defaultReturnPolicy, ...(row?.policy ?? {}) };
    },
    async savePolicy(shopId: number, policy: ReturnPolicy): Promise<void> {
      await db
        .insert(returnPolicies)
        .values({ shopId, policy })
        .onConflictDoUpdate({ target: returnPolicies.shopId, set: { policy, updatedAt: sql`now()` } });
    },
    /** The shop's next RMA sequence number, taken atomically. */
    async nextRmaSequence(shopId: number): Promise<number> {
      const [row] = await db
        .insert(returnPolicies)
        .values({ shopId, policy: defaultReturnPolicy, lastRma: 1 })
        .onConflictDoUpdate({ target: returnPolicies.shopId, set: { lastRma: sql`${returnPolicies.lastRma} + 1` } })
        .returning({ n: returnPolicies.lastRma });
      return row!.n;
    },
    async insert(shopId: number, r: NewReturn, lines: NewReturnLine[]): Promise<ReturnWithLines> {
      const [row] = await db
        .insert(returns)
        .values({ ...r, shopId })
        .returning();
      const inserted = lines.length
        ? await db
            .insert(returnLines)
            .values(lines.map((l) => ({ ...l, shopId, returnId: row!.id })))
            .returning()
        : [];
      return { ...row!, lines: inserted };
    },
    async get(shopId: number, id: number): Promise<ReturnWithLines | undefined> {
      const rows = await db
        .select()
        .from(returns)
        .where(and(eq(returns.shopId, shopId), eq(returns.id, id)));
      return (await withLines(shopId, rows))[0];
    },
    /** The return locked for the rest of the transaction. */
    async lock(shopId: number, id: number): Promise<ReturnWithLines | undefined> {
      const rows = await db
        .select()
        .from(returns)
        .where(and(eq(returns.shopId, shopId), eq(returns.id, id)))
        .for('update');
      return (await withLines(shopId, rows))[0];
    },
    async byExternalId(shopId: number, externalId: string): Promise<ReturnRow | undefined> {
      const [row] = await db
        .select()
        .from(returns)
        .where(and(eq(returns.shopId, shopId), eq(returns.channel, 'shopify'), eq(returns.externalId, externalId)));
      return row;
    },
    async byRma(shopId: number, rma: string): Promise<ReturnRow | undefined> {
      const [row] = await db
        .select()
        .from(returns)
        .where(and(eq(returns.shopId, shopId), eq(returns.rma, rma)));
      return row;
    },
    /** Our own returns of an order that Shopify does not know yet: a webhook for one of them is ours coming back. */
    async unsyncedForOrder(shopId: number, orderExternalId: string): Promise<ReturnRow[]> {
      return db
        .select()
        .from(returns)
        .where(
          and(
            eq(returns.shopId, shopId),
            eq(returns.orderExternalId, orderExternalId),
            isNull(returns.externalId),
            sql`${returns.source} <> 'shopify'`,
          ),
        )
        .orderBy(asc(returns.id));
    },
    async forOrder(shopId: number, orderId: number): Promise<ReturnWithLines[]> {
      const rows = await db
        .select()
        .from(returns)
        .where(and(eq(returns.shopId, shopId), eq(returns.orderId, orderId)))
        .orderBy(asc(returns.id));
      return withLines(shopId, rows);
    },
    async list(
      shopId: number,
      f: ReturnListFilter,
      page: { limit: number; before?: number },
    ): Promise<ReturnWithLines[]> {
      const where: SQL[] = [eq(returns.shopId, shopId)];
      if (f.states?.length) where.push(inArray(returns.state, f.states));
      if (f.source) where.push(eq(returns.source, f.source as ReturnRow['source']));
      if (f.warehouseId) where.push(eq(returns.warehouseId, f.warehouseId));
      if (f.from) where.push(gte(returns.requestedAt, f.from));
      if (f.to) where.push(lt(returns.requestedAt, f.to));
      if (page.before) where.push(lt(returns.id, page.before));
      if (f.q) {
        const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(
          or(
            ilike(returns.rma, like),
            ilike(returns.name, like),
            sql`exists (select 1 from orders o where o.id = ${returns.orderId} and o.shop_id = ${shopId} and o.name ilike ${like})`,
          )!,
        );
      }
      const rows = await db
        .select()
        .from(returns)
        .where(and(...where))
        .orderBy(desc(returns.id))
        .limit(page.limit);
      return withLines(shopId, rows);
    },
    /** Moves the state only from one of `from`; undefined when another writer moved it first. */
    async move(
      shopId: number,
      id: number,
      from: readonly ReturnState[],
      to: ReturnState,
      patch: Partial<NewReturn> = {},
    ): Promise<ReturnRow | undefined> {
      const [row] = await db
        .update(returns)
        .set({ ...patch, state: to, updatedAt: new Date() })
        .where(and(eq(returns.shopId, shopId), eq(returns.id, id), inArray(returns.state, [...from])))
        .returning();
      return row;
    },
    async update(shopId: number, id: number, patch: Partial<NewReturn>): Promise<void> {
      await db
        .update(returns)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(returns.shopId, shopId), eq(returns.id, id)));
    },
    async updateLine(shopId: number, lineId: number, patch: Partial<NewReturnLine>): Promise<void> {
      await db
        .update(returnLines)
        .set(patch)
        .where(and(eq(returnLines.shopId, shopId), eq(returnLines.id, lineId)));
    },
    /** Adds a line to a return unless it is there already (its unique keys decide). */
    async insertLineIfNew(shopId: number, returnId: number, line: NewReturnLine): Promise<void> {
      await db
        .insert(returnLines)
        .values({ ...line, shopId, returnId })
        .onConflictDoNothing();
    },
    /** The id of the return Shopify knows by `externalId`, if we have it. */
    async idByExternalId(shopId: number, externalId: string): Promise<number | undefined> {
      const [row] = await db
        .select({ id: returns.id })
        .from(returns)
        .where(and(eq(returns.shopId, shopId), eq(returns.channel, 'shopify'), eq(returns.externalId, externalId)));
      return row?.id;
    },
    /** The oldest of our own (merchant or customer) returns of an order Shopify has no id for yet, locked for the transaction. */
    async lockOldestUnlinkedForOrder(shopId: number, orderExternalId: string): Promise<number | undefined> {
      const [row] = await db
        .select({ id: returns.id })
        .from(returns)
        .where(
          and(
            eq(returns.shopId, shopId),
            eq(returns.orderExternalId, orderExternalId),
            isNull(returns.externalId),
            inArray(returns.source, ['merchant', 'customer']),
          ),
        )
        .orderBy(returns.id)
        .limit(1)
        .for('update');
      return row?.id;
    },
    /** Links a return (found by `lockOldestUnlinkedForOrder`) to its Shopify id. */
    async linkExternalId(id: number, externalId: string): Promise<void> {
      await db.update(returns).set({ externalId }).where(eq(returns.id, id));
    },
    /**
     * Inserts a return read from a Shopify webhook, or refreshes the one we have unless it carries
     * newer Shopify data already; undefined when the webhook was stale.
     */
    async upsertFromShopify(shopId: number, r: NewReturn): Promise<ReturnRow | undefined> {
      const [row] = await db
        .insert(returns)
        .values({ ...r, shopId })
        .onConflictDoUpdate({
          target: [returns.shopId, returns.channel, returns.externalId],
          set: {
            status: sql`excluded.status`,
            orderExternalId: sql`coalesce(excluded.order_external_id, ${returns.orderExternalId})`,
            name: sql`coalesce(excluded.name, ${returns.name})`,
            sourceUpdatedAt: sql`excluded.source_updated_at`,
            data: sql`excluded.data`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`${returns.sourceUpdatedAt} is null or ${returns.sourceUpdatedAt} <= excluded.source_updated_at`,
        })
        .returning();
      return row;
    },
    /** Moves a return Shopify moved, only from one of `from`; undefined when it was elsewhere already. */
    async followShopify(
      id: number,
      from: readonly ReturnState[],
      to: ReturnState,
      stamp: Pick<Partial<NewReturn>, 'approvedAt' | 'declinedAt' | 'closedAt'>,
    ): Promise<ReturnRow | undefined> {
      const [row] = await db
        .update(returns)
        .set({ state: to, ...stamp })
        .where(and(eq(returns.id, id), inArray(returns.state, [...from])))
        .returning();
      return row;
    },
    /** The returns owning these reverse fulfillment order lines (Shopify ids). */
    async idsByRfoLines(shopId: number, rfoLineIds: string[]): Promise<number[]> {
      if (rfoLineIds.length === 0) return [];
      const rows = await db
        .selectDistinct({ id: returnLines.returnId })
        .from(returnLines)
        .where(and(eq(returnLines.shopId, shopId), inArray(returnLines.rfoLineExternalId, rfoLineIds)));
      return rows.map((r) => r.id);
    },
    /** Returns a warehouse should expect: approved or on their way. */
    async expectedAt(shopId: number, warehouseId: number): Promise<ReturnWithLines[]> {
      const rows = await db
        .select()
        .from(returns)
        .where(
          and(
            eq(returns.shopId, shopId),
            eq(returns.warehouseId, warehouseId),
            inArray(returns.state, ['approved', 'in_transit']),
          ),
        )
        .orderBy(asc(returns.id))
        .limit(500);
      return withLines(shopId, rows);
    },
    async receipt(warehouseId: number, idempotencyKey: string) {
      const [row] = await db
        .select()
        .from(returnReceipts)
        .where(and(eq(returnReceipts.warehouseId, warehouseId), eq(returnReceipts.idempotencyKey, idempotencyKey)));
      return row;
    },
    async saveReceipt(r: typeof returnReceipts.$inferInsert): Promise<boolean> {
      const rows = await db.insert(returnReceipts).values(r).onConflictDoNothing().returning({ id: returnReceipts.id });
      return rows.length === 1;
    },
    /** Adds graded-damaged units to the warehouse's damaged quantity, creating the level if needed. */
    async addDamaged(shopId: number, warehouseId: number, skuId: number, quantity: number): Promise<void> {
      if (quantity <= 0) return;
      await db
        .insert(stockLevels)
        .values({ shopId, warehouseId, skuId, onHand: 0, reserved: 0, damaged: quantity })
        .onConflictDoUpdate({
          target: [stockLevels.warehouseId, stockLevels.skuId],
          set: { damaged: sql`${stockLevels.damaged} + ${quantity}`, updatedAt: sql`now()` },
        });
    },
    /** Returns requested in a period, with their lines, for the figures. */
    async requestedBetween(shopId: number, from: Date, to: Date): Promise<ReturnWithLines[]> {
      const rows = await db
        .select()
        .from(returns)
        .where(
          and(
            eq(returns.shopId, shopId),
            gte(returns.requestedAt, from),
            lt(returns.requestedAt, to),
            sql`${returns.rma} is not null`,
          ),
        )
        .limit(20_000);
      return withLines(shopId, rows);
    },
    /** Units sold per SKU and channel over orders placed in a period (set-based, for return rates). */
    async soldUnits(
      shopId: number,
      from: Date,
      to: Date,
    ): Promise<{ sku: string | null; channel: string; units: number }[]> {
      return db
        .select({ sku: orderLines.sku, channel: orders.channel, units: sql<number>`sum(${orderLines.quantity})::int` })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(
          and(
            eq(orders.shopId, shopId),
            gte(orders.placedAt, from),
            lt(orders.placedAt, to),
            sql`${orders.cancelledAt} is null`,
          ),
        )
        .groupBy(orderLines.sku, orders.channel);
    },
    async countByState(shopId: number): Promise<{ state: string; count: number }[]> {
      return db
        .select({ state: returns.state, count: sql<number>`count(*)::int` })
        .from(returns)
        .where(and(eq(returns.shopId, shopId), sql`${returns.rma} is not null`))
        .groupBy(returns.state);
    },
    /** Returns with work left for Shopify: no external id yet, a refund due, a state not pushed. */
    async needingSync(limit: number): Promise<{ shopId: number; id: number }[]> {
      return db
        .select({ shopId: returns.shopId, id: returns.id })
        .from(returns)
        .where(
          and(
            eq(returns.channel, 'shopify'),
            sql`${returns.syncError} is null`,
            or(
              and(
                isNull(returns.externalId),
                inArray(returns.state, ['requested', 'approved', 'in_transit', 'received', 'graded']),
              ),
              and(sql`${returns.refundDueAt} is not null`, isNull(returns.refundedAt)),
              // an exchange due and not shipped yet
              and(
                isNull(returns.exchangeOrderId),
                inArray(returns.state, ['graded', 'refunded']),
                sql`exists (select 1 from return_lines l where l.return_id = ${returns.id} and l.exchange_quantity > 0 and l.received_quantity > 0)`,
              ),
            ),
          ),
        )
        .limit(limit);
    },
  };
}
export type ReturnsRepo = ReturnType<typeof createReturnsRepo>;
