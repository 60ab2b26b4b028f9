import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { feedKeys, shops, warehouses } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

/** What a valid 3PL key grants: one warehouse of one shop. */
export interface FeedPrincipal {
  keyId: number;
  shopId: number;
  warehouseId: number;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * 3PL API keys: `lk_<prefix>_<secret>`. Only the SHA-256 of the whole key is stored; the prefix
 * finds the row, the hash comparison is constant-time. A key is shown once, at creation.
 */
export function createFeedKeysRepo(db: DbOrTx) {
  return {
    async create(
      shopId: number,
      warehouseId: number,
      label: string,
    ): Promise<{ id: number; key: string; prefix: string }> {
      const prefix = randomBytes(6).toString('hex');
      const key = `lk_${prefix}_${randomBytes(24).toString('base64url')}`;
      const [row] = await db
        .insert(feedKeys)
        .values({ shopId, warehouseId, label, prefix, secretHash: hash(key) })
        .returning({ id: feedKeys.id });
      return { id: row!.id, key, prefix };
    },

    async verify(key: string): Promise<FeedPrincipal | null> {
      const m = /^lk_([0-9a-f]{12})_[A-Za-z0-9_-]{20,}$/.exec(key);
      if (!m) return null;
      const [row] = await db
        .select({
          id: feedKeys.id,
          shopId: feedKeys.shopId,
          warehouseId: feedKeys.warehouseId,
          secretHash: feedKeys.secretHash,
        })
        .from(feedKeys)
        .innerJoin(warehouses, and(eq(warehouses.id, feedKeys.warehouseId), eq(warehouses.shopId, feedKeys.shopId)))
        .innerJoin(shops, eq(shops.id, feedKeys.shopId))
        // a key lives no longer than its warehouse's activity and its shop's install
        .where(
          and(
            eq(feedKeys.prefix, m[1]!),
            isNull(feedKeys.revokedAt),
            eq(warehouses.active, true),
            eq(shops.status, 'active'),
          ),
        );
      if (!row) return null;
      const a = Buffer.from(row.secretHash, 'hex');
      const b = Buffer.from(hash(key), 'hex');
      if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
      return { keyId: row.id, shopId: row.shopId, warehouseId: row.warehouseId };
    },

    /** Marks the key used; at most one write a minute per key, so a busy poller costs no extra writes. */
    async touch(id: number): Promise<void> {
      await db
        .update(feedKeys)
        .set({ lastUsedAt: new Date() })
        .where(
          and(
            eq(feedKeys.id, id),
            or(isNull(feedKeys.lastUsedAt), lt(feedKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
          ),
        );
    },

    async list(shopId: number, warehouseId: number) {
      return db
        .select({
          id: feedKeys.id,
          label: feedKeys.label,
          prefix: feedKeys.prefix,
          lastUsedAt: feedKeys.lastUsedAt,
          revokedAt: feedKeys.revokedAt,
          createdAt: feedKeys.createdAt,
        })
        .from(feedKeys)
        .where(and(eq(feedKeys.shopId, shopId), eq(feedKeys.warehouseId, warehouseId)))
        .orderBy(desc(feedKeys.id));
    },

    async revoke(shopId: number, warehouseId: number, id: number): Promise<boolean> {
      const rows = await db
        .update(feedKeys)
        .set({ revokedAt: new Date() })
        .where(
          and(
            eq(feedKeys.shopId, shopId),
            eq(feedKeys.warehouseId, warehouseId),
            eq(feedKeys.id, id),
            isNull(feedKeys.revokedAt),
          ),
        )
        .returning({ id: feedKeys.id });
      return rows.length === 1;
    },
  };
}
