import { and, eq, gt, sql } from 'drizzle-orm';
import { sessions } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

/** Whether the shop has a session (a token) saved after this moment. */
export async function hasSessionUpdatedAfter(db: DbOrTx, shopId: number, at: Date): Promise<boolean> {
  const [newer] = await db
    .select({ n: sql<number>`1` })
    .from(sessions)
    .where(and(eq(sessions.shopId, shopId), gt(sessions.updatedAt, at)))
    .limit(1);
  return Boolean(newer);
}
