import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { trackingPages } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';
import { rowsOf } from './rows-of.js';

export type TrackingPageRow = typeof trackingPages.$inferSelect;

export function createTrackingPagesRepo(db: DbOrTx) {
  return {
    /**
     * The order's page, created on first need: 144 random bits, URL-safe, so a token cannot be
     * guessed. One statement either way: the insert, or the page it found in place.
     */
    async ensure(shopId: number, orderId: number): Promise<TrackingPageRow> {
      const result = await db.execute(sql`
        with created as (
          insert into tracking_pages (shop_id, order_id, token)
          values (${shopId}, ${orderId}, ${randomBytes(18).toString('base64url')})
          on conflict (order_id) do nothing
          returning *
        ),
        page as (
          select * from created
          union all
          select * from tracking_pages p
          where p.shop_id = ${shopId} and p.order_id = ${orderId} and not exists (select 1 from created)
        )
        select id, shop_id, order_id, token, (extract(epoch from expires_at) * 1000)::bigint as expires_ms,
               (extract(epoch from created_at) * 1000)::bigint as created_ms
        from page`);
      const rows = rowsOf<{
        id: string | number;
        shop_id: string | number;
        order_id: string | number;
        token: string;
        expires_ms: string | number | null;
        created_ms: string | number;
      }>(result);
      const r = rows[0]!;
      return {
        id: Number(r.id),
        shopId: Number(r.shop_id),
        orderId: Number(r.order_id),
        token: r.token,
        expiresAt: r.expires_ms === null ? null : new Date(Number(r.expires_ms)),
        createdAt: new Date(Number(r.created_ms)),
      };
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
