import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import {
  feedWebhookDeliveries,
  feedWebhookSubscriptions,
  type FeedWebhookEventType,
} from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type { FeedWebhookEventType } from '../../drizzle/schema/index.js';

export type WebhookSubscriptionRow = typeof feedWebhookSubscriptions.$inferSelect;

/** A delivery claimed for one attempt, with where and how to send it. */
export interface ClaimedDelivery {
  id: number;
  messageId: string;
  eventType: string;
  payload: unknown;
  attempts: number;
  createdAt: Date;
  url: string;
  secretEnc: string;
}

/** A 3PL's webhook subscription and the deliveries queued for it (see drizzle/schema/feed.ts). */
export function createFeedWebhooksRepo(db: DbOrTx) {
  return {
    async get(shopId: number, warehouseId: number): Promise<WebhookSubscriptionRow | undefined> {
      const [row] = await db
        .select()
        .from(feedWebhookSubscriptions)
        .where(and(eq(feedWebhookSubscriptions.shopId, shopId), eq(feedWebhookSubscriptions.warehouseId, warehouseId)));
      return row;
    },

    async upsert(
      shopId: number,
      warehouseId: number,
      v: { url: string; events: FeedWebhookEventType[]; secretEnc?: string },
    ): Promise<WebhookSubscriptionRow> {
      const [row] = await db
        .insert(feedWebhookSubscriptions)
        .values({ shopId, warehouseId, url: v.url, events: v.events, secretEnc: v.secretEnc ?? '' })
        .onConflictDoUpdate({
          target: feedWebhookSubscriptions.warehouseId,
          set: {
            url: v.url,
            events: v.events,
            ...(v.secretEnc ? { secretEnc: v.secretEnc } : {}),
            updatedAt: sql`now()`,
          },
        })
        .returning();
      return row!;
    },

    async remove(shopId: number, warehouseId: number): Promise<boolean> {
      const rows = await db
        .delete(feedWebhookSubscriptions)
        .where(and(eq(feedWebhookSubscriptions.shopId, shopId), eq(feedWebhookSubscriptions.warehouseId, warehouseId)))
        .returning({ id: feedWebhookSubscriptions.id });
      return rows.length > 0;
    },

    /**
     * Claims due deliveries for one attempt (`SKIP LOCKED`: each goes to one worker) and pushes
     * their next attempt `holdMs` away, so a worker that dies mid-send leaves them to be retried.
     */
    async claimDue(now: Date, limit: number, holdMs: number): Promise<ClaimedDelivery[]> {
      const due = db
        .select({ id: feedWebhookDeliveries.id })
        .from(feedWebhookDeliveries)
        .where(and(eq(feedWebhookDeliveries.status, 'pending'), lte(feedWebhookDeliveries.nextAttemptAt, now)))
        .orderBy(asc(feedWebhookDeliveries.nextAttemptAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      const claimed = await db
        .update(feedWebhookDeliveries)
        .set({ attempts: sql`${feedWebhookDeliveries.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + holdMs) })
        .where(inArray(feedWebhookDeliveries.id, due))
        .returning();
      if (claimed.length === 0) return [];
      const subs = await db
        .select()
        .from(feedWebhookSubscriptions)
        .where(inArray(feedWebhookSubscriptions.id, [...new Set(claimed.map((c) => c.subscriptionId))]));
      return claimed.flatMap((c) => {
        const s = subs.find((x) => x.id === c.subscriptionId && x.shopId === c.shopId);
        return s
          ? [
              {
                id: c.id,
                messageId: c.messageId,
                eventType: c.eventType,
                payload: c.payload,
                attempts: c.attempts,
                createdAt: c.createdAt,
                url: s.url,
                secretEnc: s.secretEnc,
              },
            ]
          : [];
      });
    },

    /** When the earliest pending delivery comes due (all shops: the delivery loop serves them all); null when none is pending. */
    async nextDueAt(): Promise<Date | null> {
      const [row] = await db
        .select({
          at: sql<Date | null>`min(${feedWebhookDeliveries.nextAttemptAt})`.mapWith(
            feedWebhookDeliveries.nextAttemptAt,
          ),
        })
        .from(feedWebhookDeliveries)
        .where(eq(feedWebhookDeliveries.status, 'pending'));
      return row?.at ?? null;
    },

    async delivered(id: number, at: Date): Promise<void> {
      await db
        .update(feedWebhookDeliveries)
        .set({ status: 'delivered', deliveredAt: at, lastError: null })
        .where(eq(feedWebhookDeliveries.id, id));
    },

    async failed(id: number, error: string, next: Date | null): Promise<void> {
      await db
        .update(feedWebhookDeliveries)
        .set(
          next
            ? { lastError: error.slice(0, 1000), nextAttemptAt: next }
            : { status: 'failed', lastError: error.slice(0, 1000) },
        )
        .where(eq(feedWebhookDeliveries.id, id));
    },
  };
}
