import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { escapeUnstorable } from '../contracts/storable-text.js';
import {
  channelAccounts,
  channelStock,
  channelStockIssues,
  replenishmentSnapshot,
  skus,
  stockLevels,
  warehouses,
  type ChannelAccountSettings,
  type ChannelKind,
} from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type { ChannelAccountSettings } from '../../drizzle/schema/index.js';

export type ChannelAccountRow = typeof channelAccounts.$inferSelect;

export interface NewChannelAccount {
  kind: ChannelKind;
  code: string;
  name: string;
  baseUrl: string;
  credentialsEnc: string;
  settings: ChannelAccountSettings;
}

/** Marketplace accounts per shop, their cursor and their health; every query filters by shop. */
export function createChannelAccountsRepo(db: DbOrTx) {
  return {
    async create(shopId: number, a: NewChannelAccount): Promise<ChannelAccountRow> {
      const [row] = await db
        .insert(channelAccounts)
        .values({ shopId, ...a })
        .returning();
      return row!;
    },
    async get(shopId: number, id: number): Promise<ChannelAccountRow | undefined> {
      const [row] = await db
        .select()
        .from(channelAccounts)
        .where(and(eq(channelAccounts.shopId, shopId), eq(channelAccounts.id, id)));
      return row;
    },
    async byCode(shopId: number, code: string): Promise<ChannelAccountRow | undefined> {
      const [row] = await db
        .select()
        .from(channelAccounts)
        .where(and(eq(channelAccounts.shopId, shopId), eq(channelAccounts.code, code)));
      return row;
    },
    async listForShop(shopId: number): Promise<ChannelAccountRow[]> {
      return db.select().from(channelAccounts).where(eq(channelAccounts.shopId, shopId)).orderBy(channelAccounts.id);
    },
    async listActive(shopId: number): Promise<ChannelAccountRow[]> {
      return db
        .select()
        .from(channelAccounts)
        .where(and(eq(channelAccounts.shopId, shopId), eq(channelAccounts.active, true)))
        .orderBy(channelAccounts.id);
    },
    /** Every active account of every active shop: the schedulers are built from this list. */
    async listAllActive(): Promise<Pick<ChannelAccountRow, 'id' | 'shopId' | 'settings'>[]> {
      return db
        .select({ id: channelAccounts.id, shopId: channelAccounts.shopId, settings: channelAccounts.settings })
        .from(channelAccounts)
        .where(
          and(
            eq(channelAccounts.active, true),
            sql`exists (select 1 from shops s where s.id = ${channelAccounts.shopId} and s.status = 'active')`,
          ),
        );
    },
    /** The operator moved (the demo's simulator restarts on a new port); cursor and history stay. */
    async setBaseUrl(shopId: number, id: number, baseUrl: string): Promise<void> {
      await db
        .update(channelAccounts)
        .set({ baseUrl, updatedAt: new Date() })
        .where(and(eq(channelAccounts.shopId, shopId), eq(channelAccounts.id, id)));
    },
    /** a demo restarted on new ports: the endpoints move, the cursor and health stay */
    async setEndpoints(shopId: number, id: number, baseUrl: string, settings: ChannelAccountSettings): Promise<void> {
      await db
        .update(channelAccounts)
        .set({ baseUrl, settings, updatedAt: new Date() })
        .where(and(eq(channelAccounts.shopId, shopId), eq(channelAccounts.id, id)));
    },
    async setCursor(shopId: number, id: number, cursor: string): Promise<void> {
      await db
        .update(channelAccounts)
        .set({ cursor, updatedAt: new Date() })
        .where(and(eq(channelAccounts.shopId, shopId), eq(channelAccounts.id, id)));
    },
    async recordSync(shopId: number, id: number, at: Date, lagSeconds: number | null): Promise<void> {
      await db
        .update(channelAccounts)
        .set({
          lastSyncAt: at,
          consecutiveFailures: 0,
          lastError: null,
          updatedAt: new Date(),
          ...(lagSeconds === null ? {} : { orderLagSeconds: Math.round(lagSeconds) }),
        })
        .where(and(eq(channelAccounts.shopId, shopId), eq(channelAccounts.id, id)));
    },
    async recordStockPush(shopId: number, id: number, at: Date): Promise<void> {
      await db
        .update(channelAccounts)
        .set({ lastStockPushAt: at, updatedAt: new Date() })
        .where(and(eq(channelAccounts.shopId, shopId), eq(channelAccounts.id, id)));
    },
    async recordFailure(shopId: number, id: number, message: string, at: Date): Promise<void> {
      await db
        .update(channelAccounts)
        .set({
          lastError: escapeUnstorable(message.slice(0, 500)),
          lastErrorAt: at,
          consecutiveFailures: sql`${channelAccounts.consecutiveFailures} + 1`,
          updatedAt: new Date(),
        })
        .where(and(eq(channelAccounts.shopId, shopId), eq(channelAccounts.id, id)));
    },
    /**
     * Free units per SKU across the shop's active warehouses (on hand − reserved), with the sales
     * velocity lag buffers use, and the free units at each active warehouse Shopify sells from (a
     * linked location, and the SKU linked to an inventory item): Shopify's buffer applies per location.
     * `skuIds` narrows the read to those SKUs (a Stock page); undefined reads every SKU (a push).
     */
    async freeStockBySku(
      shopId: number,
      skuIds?: number[],
    ): Promise<{ skuId: number; sku: string; free: number; meanDaily: number; shopifyFree: number[] }[]> {
      if (skuIds && skuIds.length === 0) return [];
      const rows = await db
        .select({
          skuId: skus.id,
          sku: skus.sku,
          free: sql<number>`coalesce(sum(greatest(${stockLevels.onHand} - ${stockLevels.reserved}, 0)) filter (where ${warehouses.active}), 0)::int`,
          meanDaily: sql<number>`coalesce(max(${replenishmentSnapshot.meanDaily}), 0)::float8`,
          shopifyFree: sql<number[]>`coalesce(array_agg(greatest(${stockLevels.onHand} - ${stockLevels.reserved}, 0)
            order by ${warehouses.id}) filter (where ${warehouses.active} and ${warehouses.locationExternalId} is not null
            and ${skus.inventoryItemExternalId} is not null), '{}')`,
        })
        .from(skus)
        .leftJoin(stockLevels, and(eq(stockLevels.shopId, shopId), eq(stockLevels.skuId, skus.id)))
        .leftJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
        .leftJoin(
          replenishmentSnapshot,
          and(eq(replenishmentSnapshot.shopId, shopId), eq(replenishmentSnapshot.skuId, skus.id)),
        )
        .where(and(eq(skus.shopId, shopId), skuIds ? inArray(skus.id, skuIds) : undefined))
        .groupBy(skus.id, skus.sku);
      return rows.map((r) => ({
        ...r,
        free: Number(r.free),
        meanDaily: Number(r.meanDaily),
        shopifyFree: r.shopifyFree.map(Number),
      }));
    },
    /** What each account was last told of one SKU, and when. */
    async pushedStockOfSku(shopId: number, skuId: number): Promise<Map<number, { quantity: number; pushedAt: Date }>> {
      const rows = await db
        .select({ accountId: channelStock.accountId, quantity: channelStock.quantity, pushedAt: channelStock.pushedAt })
        .from(channelStock)
        .where(and(eq(channelStock.shopId, shopId), eq(channelStock.skuId, skuId)));
      return new Map(rows.map((r) => [r.accountId, { quantity: r.quantity, pushedAt: r.pushedAt }]));
    },
    async pushedStock(shopId: number, accountId: number): Promise<Map<number, number>> {
      const rows = await db
        .select({ skuId: channelStock.skuId, quantity: channelStock.quantity })
        .from(channelStock)
        .where(and(eq(channelStock.shopId, shopId), eq(channelStock.accountId, accountId)));
      return new Map(rows.map((r) => [r.skuId, r.quantity]));
    },
    async recordPushedStock(
      shopId: number,
      accountId: number,
      rows: { skuId: number; quantity: number }[],
      at: Date,
    ): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insert(channelStock)
        .values(rows.map((r) => ({ shopId, accountId, skuId: r.skuId, quantity: r.quantity, pushedAt: at })))
        .onConflictDoUpdate({
          target: [channelStock.accountId, channelStock.skuId],
          set: { quantity: sql`excluded.quantity`, pushedAt: sql`excluded.pushed_at` },
        });
    },
    /**
     * What the account's last push said of its SKUs: the refused ones with the marketplace's
     * reason, replacing what an earlier push said of them; the accepted ones are cleared.
     */
    async recordStockIssues(
      shopId: number,
      accountId: number,
      input: {
        accepted: number[];
        refused: { skuId: number; quantity: number; message: string }[];
        reference: string | null;
        at: Date;
      },
    ): Promise<void> {
      if (input.accepted.length)
        await db
          .delete(channelStockIssues)
          .where(
            and(
              eq(channelStockIssues.shopId, shopId),
              eq(channelStockIssues.accountId, accountId),
              inArray(channelStockIssues.skuId, input.accepted),
            ),
          );
      if (input.refused.length === 0) return;
      await db
        .insert(channelStockIssues)
        .values(
          input.refused.map((r) => ({
            shopId,
            accountId,
            skuId: r.skuId,
            quantity: r.quantity,
            // the marketplace's words: a NUL or a surrogate cut in half would fail the insert or garble the text
            message: escapeUnstorable(r.message.slice(0, 1000)),
            reference: input.reference,
            at: input.at,
          })),
        )
        .onConflictDoUpdate({
          target: [channelStockIssues.accountId, channelStockIssues.skuId],
          set: {
            quantity: sql`excluded.quantity`,
            message: sql`excluded.message`,
            reference: sql`excluded.reference`,
            at: sql`excluded.at`,
          },
        });
    },
    /** The SKUs the account refused and why, by SKU code. */
    async stockIssues(
      shopId: number,
      accountId: number,
    ): Promise<{ sku: string; quantity: number; message: string; reference: string | null; at: Date }[]> {
      return db
        .select({
          sku: skus.sku,
          quantity: channelStockIssues.quantity,
          message: channelStockIssues.message,
          reference: channelStockIssues.reference,
          at: channelStockIssues.at,
        })
        .from(channelStockIssues)
        .innerJoin(skus, eq(skus.id, channelStockIssues.skuId))
        .where(and(eq(channelStockIssues.shopId, shopId), eq(channelStockIssues.accountId, accountId)))
        .orderBy(skus.sku);
    },
    /**
     * The refused SKUs of every account of the shop, the `perAccount` most recent of each (by time,
     * then SKU), each with how many its account has in all: one read for the Channels page.
     */
    async stockIssuesOfShop(
      shopId: number,
      perAccount: number,
    ): Promise<{ accountId: number; total: number; sku: string; quantity: number; message: string; at: Date }[]> {
      const ranked = db
        .select({
          accountId: channelStockIssues.accountId,
          sku: skus.sku,
          quantity: channelStockIssues.quantity,
          message: channelStockIssues.message,
          at: channelStockIssues.at,
          rank: sql<number>`row_number() over (partition by ${channelStockIssues.accountId}
            order by ${channelStockIssues.at} desc, ${skus.sku})`.as('rank'),
          total: sql<number>`count(*) over (partition by ${channelStockIssues.accountId})::int`.as('total'),
        })
        .from(channelStockIssues)
        .innerJoin(skus, and(eq(skus.shopId, shopId), eq(skus.id, channelStockIssues.skuId)))
        .where(eq(channelStockIssues.shopId, shopId))
        .as('ranked');
      const rows = await db
        .select({
          accountId: ranked.accountId,
          total: ranked.total,
          sku: ranked.sku,
          quantity: ranked.quantity,
          message: ranked.message,
          at: ranked.at,
        })
        .from(ranked)
        .where(lte(ranked.rank, perAccount))
        .orderBy(ranked.accountId, ranked.rank);
      return rows.map((r) => ({ ...r, total: Number(r.total) }));
    },
  };
}
export type ChannelAccountsRepo = ReturnType<typeof createChannelAccountsRepo>;
