import { eq, sql } from 'drizzle-orm';
import { sessions, shops, type ShopSettings } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type Shop = typeof shops.$inferSelect;

export function createShopsRepo(db: DbOrTx) {
  return {
    async byDomain(domain: string): Promise<Shop | undefined> {
      const [row] = await db.select().from(shops).where(eq(shops.domain, domain));
      return row;
    },

    async byId(id: number): Promise<Shop | undefined> {
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
      return row!;
    },

    /** app/uninstalled: the shop is disabled and its tokens are gone. */
    async uninstall(shopId: number, at: Date): Promise<void> {
      await db
        .update(shops)
        .set({ status: 'uninstalled', uninstalledAt: at, updatedAt: new Date() })
        .where(eq(shops.id, shopId));
      await db.delete(sessions).where(eq(sessions.shopId, shopId));
    },

    async updateSettings(shopId: number, patch: Partial<ShopSettings>): Promise<Shop> {
      const current = await this.byId(shopId);
      const settings = { ...current!.settings, ...patch };
      const [row] = await db
        .update(shops)
        .set({ settings, updatedAt: new Date() })
        .where(eq(shops.id, shopId))
        .returning();
      return row!;
    },

    async setReconcileCursor(shopId: number, cursor: Date): Promise<void> {
      await db.update(shops).set({ reconcileCursor: cursor }).where(eq(shops.id, shopId));
    },

    async listActive(): Promise<Shop[]> {
      return db.select().from(shops).where(eq(shops.status, 'active'));
    },
  };
}
export type ShopsRepo = ReturnType<typeof createShopsRepo>;
