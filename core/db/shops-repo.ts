import { eq, sql } from 'drizzle-orm';
import { sessions, shops, type ShopSettings } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type Shop = typeof shops.$inferSelect;

/**
 * Every job reads its shop (about eight reads per order in a flash sale), and shop rows change a
 * few times in a shop's life. Reads are kept for a moment per database handle; a write made
 * through this repository in this process is seen at once (the generation moves on, and an
 * entry read while it moved is not kept), one made by another process within CACHE_MS.
 */
const CACHE_MS = 2000;
const cache = new WeakMap<object, Map<string, { row: Shop; at: number; generation: number }>>();
let generation = 0;

/** A shop changed: reads in this process go to the database again. */
export function forgetShop(_shopId: number): void {
  generation++;
}

export function createShopsRepo(db: DbOrTx) {
  let mine = cache.get(db);
  if (!mine) cache.set(db, (mine = new Map()));
  const entries = mine;
  async function cached(key: string, read: () => Promise<Shop | undefined>): Promise<Shop | undefined> {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < CACHE_MS && hit.generation === generation) return hit.row;
    const before = generation;
    const row = await read();
    if (row && before === generation) entries.set(key, { row, at: now, generation });
    else entries.delete(key);
    return row;
  }

  return {
    async byDomain(domain: string): Promise<Shop | undefined> {
      return cached(`domain:${domain}`, async () => {
        const [row] = await db.select().from(shops).where(eq(shops.domain, domain));
        return row;
      });
    },

    async byId(id: number): Promise<Shop | undefined> {
      return cached(`id:${id}`, () => this.fresh(id));
    },

    /** The row as committed now, never from the cache: for a read that a write builds on. */
    async fresh(id: number): Promise<Shop | undefined> {
      const [row] = await db.select().from(shops).where(eq(shops.id, id));
      return row;
    },

    /** The shop row for a domain, created on first sight (install, first webhook). */
    async ensure(domain: string): Promise<Shop> {
      // read first: an upsert would lock the shop row and serialise every event of the shop
      const existing = await this.byDomain(domain);
      if (existing) return existing;
      await db.insert(shops).values({ domain }).onConflictDoNothing({ target: shops.domain });
      return (await this.byDomain(domain))!;
    },

    /** Install or reinstall: the shop is active again and forgets its uninstall. */
    async activate(
      domain: string,
      details: Partial<Pick<Shop, 'name' | 'email' | 'currency' | 'locale' | 'timezone'>> = {},
    ): Promise<Shop> {
      const [row] = await db
        .insert(shops)
        .values({ domain, ...details, status: 'active' })
        .onConflictDoUpdate({
          target: shops.domain,
          set: {
            ...details,
            status: 'active',
            uninstalledAt: null,
            installedAt: sql`case when ${shops.status} = 'uninstalled' then now() else ${shops.installedAt} end`,
            updatedAt: new Date(),
          },
        })
        .returning();
      forgetShop(row!.id);
      return row!;
    },

    /** app/uninstalled: the shop is disabled and its tokens are gone. */
    async uninstall(shopId: number, at: Date): Promise<void> {
      await db
        .update(shops)
        .set({ status: 'uninstalled', uninstalledAt: at, updatedAt: new Date() })
        .where(eq(shops.id, shopId));
      forgetShop(shopId);
      await db.delete(sessions).where(eq(sessions.shopId, shopId));
    },

    async updateSettings(shopId: number, patch: Partial<ShopSettings>): Promise<Shop> {
      const current = await this.fresh(shopId);
      const settings = { ...current!.settings, ...patch };
      const [row] = await db
        .update(shops)
        .set({ settings, updatedAt: new Date() })
        .where(eq(shops.id, shopId))
        .returning();
      forgetShop(shopId);
      return row!;
    },

    async setReconcileCursor(shopId: number, cursor: Date): Promise<void> {
      await db.update(shops).set({ reconcileCursor: cursor }).where(eq(shops.id, shopId));
      forgetShop(shopId);
    },

    async listActive(): Promise<Shop[]> {
      return db.select().from(shops).where(eq(shops.status, 'active'));
    },
  };
}
export type ShopsRepo = ReturnType<typeof createShopsRepo>;
