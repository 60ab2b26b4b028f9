import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { inboxEvents } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export interface NewInboxEvent {
  source: string;
  eventId: string;
  shopDomain: string;
  topic: string;
  webhookId?: string | null;
  apiVersion?: string | null;
  triggeredAt?: Date | null;
  body: string;
}

export type InboxEvent = typeof inboxEvents.$inferSelect;

/** Inbox rows: the durable record of every accepted webhook. */
export function createInboxRepo(db: DbOrTx) {
  return {
    /** Inserts events, ignoring ones already present; returns every event's inbox id (new or old). */
    async insertMany(events: NewInboxEvent[]): Promise<{ id: number; inserted: boolean }[]> {
      if (events.length === 0) return [];
      const inserted = await db
        .insert(inboxEvents)
        .values(events)
        .onConflictDoNothing({ target: [inboxEvents.source, inboxEvents.eventId] })
        .returning({ id: inboxEvents.id, source: inboxEvents.source, eventId: inboxEvents.eventId });
      const byKey = new Map(inserted.map((r) => [`${r.source}\u0000${r.eventId}`, r.id]));
      const missing = events.filter((e) => !byKey.has(`${e.source}\u0000${e.eventId}`));
      const existing = new Map<string, number>();
      for (const e of missing) {
        const [row] = await db
          .select({ id: inboxEvents.id })
          .from(inboxEvents)
          .where(and(eq(inboxEvents.source, e.source), eq(inboxEvents.eventId, e.eventId)));
        if (row) existing.set(`${e.source}\u0000${e.eventId}`, row.id);
      }
      return events.map((e) => {
        const key = `${e.source}\u0000${e.eventId}`;
        const id = byKey.get(key);
        return id !== undefined ? { id, inserted: true } : { id: existing.get(key) ?? -1, inserted: false };
      });
    },

    async get(id: number): Promise<InboxEvent | undefined> {
      const [row] = await db.select().from(inboxEvents).where(eq(inboxEvents.id, id));
      return row;
    },

    /** Pending rows older than the cut-off: work Redis may have lost. */
    async listStalePending(before: Date, limit: number): Promise<number[]> {
      const rows = await db
        .select({ id: inboxEvents.id })
        .from(inboxEvents)
        .where(and(eq(inboxEvents.status, 'pending'), lt(inboxEvents.receivedAt, before)))
        .orderBy(asc(inboxEvents.receivedAt))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    async markProcessed(id: number, shopId: number | null): Promise<void> {
      await db
        .update(inboxEvents)
        .set({ status: 'processed', processedAt: new Date(), shopId: shopId ?? undefined, attempts: sql`${inboxEvents.attempts} + 1` })
        .where(eq(inboxEvents.id, id));
    },

    async recordFailure(id: number, error: string, dead: boolean): Promise<void> {
      await db
        .update(inboxEvents)
        .set({ status: dead ? 'dead' : 'pending', lastError: error.slice(0, 4000), attempts: sql`${inboxEvents.attempts} + 1` })
        .where(eq(inboxEvents.id, id));
    },
  };
}
