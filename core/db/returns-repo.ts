import { sql } from 'drizzle-orm';
import { returnLines, returns } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

/** A return as the channel reports it. */
export interface ChannelReturn {
  externalId: string;
  orderExternalId: string | null;
  name: string | null;
  status: string;
  totalQuantity: number;
  data: unknown;
}

export interface ChannelReturnLine {
  externalId: string;
  quantity: number;
  reason: string | null;
  lineItemExternalId: string | null;
  sku: string | null;
}

/** Returns mirrored from the sales channel, with their lines. */
export function createReturnsRepo(db: DbOrTx) {
  return {
    /** The return's id, or null when a newer version was already stored. */
    async upsertFromChannel(shopId: number, r: ChannelReturn, at: Date): Promise<number | null> {
      const [row] = await db
        .insert(returns)
        .values({ shopId, ...r, sourceUpdatedAt: at })
        .onConflictDoUpdate({
          target: [returns.shopId, returns.channel, returns.externalId],
          set: { status: sql`excluded.status`, orderExternalId: sql`coalesce(excluded.order_external_id, ${returns.orderExternalId})`, name: sql`coalesce(excluded.name, ${returns.name})`, sourceUpdatedAt: sql`excluded.source_updated_at`, updatedAt: sql`now()` },
          setWhere: sql`${returns.sourceUpdatedAt} is null or ${returns.sourceUpdatedAt} <= excluded.source_updated_at`,
        })
        .returning({ id: returns.id });
      return row?.id ?? null;
    },

    async upsertLine(shopId: number, returnId: number, l: ChannelReturnLine): Promise<void> {
      await db
        .insert(returnLines)
        .values({ shopId, returnId, ...l })
        .onConflictDoUpdate({ target: [returnLines.returnId, returnLines.externalId], set: { quantity: sql`excluded.quantity` } });
    },
  };
}
