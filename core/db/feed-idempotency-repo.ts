import { and, eq, sql } from 'drizzle-orm';
import { feedIdempotencyKeys } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

/** A stored answer of a feed write. */
export interface StoredAnswer {
  requestHash: string;
  statusCode: number;
  response: unknown;
}

/** Answers of feed writes by (shop, warehouse, scope, key); see drizzle/schema/feed.ts. */
export function createFeedIdempotencyRepo(db: DbOrTx) {
  return {
    async find(shopId: number, warehouseId: number, scope: string, key: string): Promise<StoredAnswer | undefined> {
      const [row] = await db
        .select({
          requestHash: feedIdempotencyKeys.requestHash,
          statusCode: feedIdempotencyKeys.statusCode,
          response: feedIdempotencyKeys.response,
        })
        .from(feedIdempotencyKeys)
        .where(
          and(
            eq(feedIdempotencyKeys.shopId, shopId),
            eq(feedIdempotencyKeys.warehouseId, warehouseId),
            eq(feedIdempotencyKeys.scope, scope),
            eq(feedIdempotencyKeys.key, key),
          ),
        );
      return row;
    },
    /** Stores the first answer; a concurrent first answer wins and this one is dropped. */
    async save(shopId: number, warehouseId: number, scope: string, key: string, answer: StoredAnswer): Promise<void> {
      await db
        .insert(feedIdempotencyKeys)
        .values({ shopId, warehouseId, scope, key, ...answer })
        .onConflictDoNothing();
    },
    /** Drops up to `limit` answers stored before `before`, oldest first; answers how many. */
    async deleteBefore(before: Date, limit: number): Promise<number> {
      const rows = await db
        .delete(feedIdempotencyKeys)
        .where(
          sql`${feedIdempotencyKeys.id} in (select id from ${feedIdempotencyKeys} where ${feedIdempotencyKeys.createdAt} < ${before.toISOString()}::timestamptz order by ${feedIdempotencyKeys.createdAt} limit ${limit})`,
        )
        .returning({ id: feedIdempotencyKeys.id });
      return rows.length;
    },
  };
}
