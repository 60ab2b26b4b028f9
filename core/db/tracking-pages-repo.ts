import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { trackingPages } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type TrackingPageRow = typeof trackingPages.$inferSelect;

export function createTrackingPagesRepo(db: DbOrTx) {
  return {
    /** The order's page, created on first need: 144 random bits, URL-safe, so a token cannot be guessed. */
    async ensure(shopId: number, orderId: number): Promise<TrackingPageRow> {
      const [created] = await db
        .insert(trackingPages)
        .values({ shopId, orderId, token: randomBytes(18).toString('base64url') })
        .onConflictDoNothing({ target: trackingPages.orderId })
        .returning();
      if (created) return created;
      return (await this.forOrder(shopId, orderId))!;
    },
    async forOrder(shopId: number, orderId: number): Promise<TrackingPageRow | undefined> {
      const [row] = await db
        .select()
        .from(trackingPages)
        .where(and(eq(trackingPages.shopId, shopId), eq(trackingPages.orderId, orderId)));
      return row;
    },
    /** The page behind a token, unless it expired. Not shop-scoped: the token is the only key a customer has. */
    async byToken(token: string, now: Date): Promise<TrackingPageRow | undefined> {
      const [row] = await db.select().from(trackingPages).where(eq(trackingPages.token, token));
      if (!row || (row.expiresAt && row.expiresAt <= now)) return undefined;
      return row;
    },
  };
}
