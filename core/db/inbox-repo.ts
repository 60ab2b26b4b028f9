import { and, asc, desc, eq, inArray, like, lt, sql } from 'drizzle-orm';
import { inboxEvents } from '../../drizzle/schema/index.js';
import { escapeUnstorable } from '../contracts/storable-text.js';
import type { DbOrTx } from './client.js';
import { anyOfInts } from './array-literals.js';
import { rowsOf } from './rows-of.js';

export interface NewInboxEvent {
  source: string;
  eventId: string;
  shopDomain: string;
  topic: string;
  webhookId?: string | null;
  apiVersion?: string | null;
  triggeredAt?: Date | null;
  body: string;
  /** 'dead' records an event that can never be applied (its body cannot be stored as sent) */
  status?: 'pending' | 'dead';
  lastError?: string | null;
}

export type InboxEvent = typeof inboxEvents.$inferSelect;

/** A literal, not a parameter: the generic plan then knows how few rows are pending (see feed-repo's statusIn). */
const pendingOnly = sql`${inboxEvents.status} = 'pending'`;

/** Inbox rows: the durable record of every accepted webhook. */
export function createInboxRepo(db: DbOrTx) {
  return {
    /** Inserts events, ignoring ones already present; returns every event's inbox id (new or old). */
    async insertMany(events: NewInboxEvent[]): Promise<{ id: number; inserted: boolean }[]> {
      if (events.length === 0) return [];
      // one JSON parameter for the whole batch: the statement and its plan are the same for any batch size
      const rows = events.map((e) => ({
        source: e.source,
        event_id: e.eventId,
        shop_domain: e.shopDomain,
        topic: e.topic,
        webhook_id: e.webhookId ?? null,
        api_version: e.apiVersion ?? null,
        triggered_at: e.triggeredAt?.toISOString() ?? null,
        body: e.body,
        status: e.status ?? 'pending',
        last_error: e.lastError ?? null,
      }));
      const result = await db.execute(sql`
        insert into inbox_events (source, event_id, shop_domain, topic, webhook_id, api_version, triggered_at, body, status, last_error)
        select source, event_id, shop_domain, topic, webhook_id, api_version, triggered_at, body, status, last_error
        from json_to_recordset(${JSON.stringify(rows)}::json) as x(source text, event_id text, shop_domain text, topic text,
          webhook_id text, api_version text, triggered_at timestamptz, body text, status text, last_error text)
        on conflict (source, event_id) do nothing
        returning id, source, event_id`);
      const inserted = rowsOf<{ id: string | number; source: string; event_id: string }>(result);
      const byKey = new Map(inserted.map((r) => [`${r.source}\u0000${r.event_id}`, Number(r.id)]));
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

    /** The events of `ids` still waiting to be applied, in arrival order. */
    async getPending(ids: number[]): Promise<InboxEvent[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(inboxEvents)
        .where(and(anyOfInts(inboxEvents.id, ids), pendingOnly))
        .orderBy(asc(inboxEvents.id));
    },

    /**
     * Marks the still-pending events of `ids` processed and answers which ones this call took: the
     * row locks it holds until commit keep a concurrent job from applying them too.
     */
    async claimProcessed(ids: number[], shopId: number): Promise<number[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .update(inboxEvents)
        .set({ status: 'processed', processedAt: new Date(), shopId, attempts: sql`${inboxEvents.attempts} + 1` })
        .where(and(anyOfInts(inboxEvents.id, ids), pendingOnly))
        .returning({ id: inboxEvents.id });
      return rows.map((r) => Number(r.id));
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

    /** Dead letters of one shop, newest first, keyset-paginated by id. */
    async listDead(shopDomain: string, opts: { before?: number; limit: number }) {
      return db
        .select({
          id: inboxEvents.id,
          topic: inboxEvents.topic,
          eventId: inboxEvents.eventId,
          attempts: inboxEvents.attempts,
          lastError: inboxEvents.lastError,
          receivedAt: inboxEvents.receivedAt,
          preview: sql<string>`left(${inboxEvents.body}, 400)`,
          size: sql<number>`length(${inboxEvents.body})::int`,
        })
        .from(inboxEvents)
        .where(
          and(
            eq(inboxEvents.shopDomain, shopDomain),
            eq(inboxEvents.status, 'dead'),
            opts.before ? lt(inboxEvents.id, opts.before) : undefined,
          ),
        )
        .orderBy(desc(inboxEvents.id))
        .limit(opts.limit);
    },

    async countDead(shopDomain: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(inboxEvents)
        .where(and(eq(inboxEvents.shopDomain, shopDomain), eq(inboxEvents.status, 'dead')));
      return Number(row?.n ?? 0);
    },

    async getForShop(shopDomain: string, id: number): Promise<InboxEvent | undefined> {
      const [row] = await db
        .select()
        .from(inboxEvents)
        .where(and(eq(inboxEvents.shopDomain, shopDomain), eq(inboxEvents.id, id)));
      return row;
    },

    /** Puts dead letters back in line; returns the ids that were dead and are pending again. */
    async revive(shopDomain: string, ids: number[] | 'all'): Promise<number[]> {
      const rows = await db
        .update(inboxEvents)
        .set({ status: 'pending', attempts: 0 })
        .where(
          and(
            eq(inboxEvents.shopDomain, shopDomain),
            eq(inboxEvents.status, 'dead'),
            ids === 'all' ? undefined : inArray(inboxEvents.id, ids.length ? ids : [-1]),
          ),
        )
        .returning({ id: inboxEvents.id });
      return rows.map((r) => r.id);
    },

    /** Whether an orders/* event still waiting in the inbox mentions this order. */
    async hasPendingOrderEvent(shopDomain: string, orderGid: string): Promise<boolean> {
      const rows = await db
        .select({ id: inboxEvents.id })
        .from(inboxEvents)
        .where(
          and(
            eq(inboxEvents.shopDomain, shopDomain),
            eq(inboxEvents.status, 'pending'),
            like(inboxEvents.topic, 'orders/%'),
            like(inboxEvents.body, `%"${orderGid}"%`),
          ),
        )
        .limit(1);
      return rows.length > 0;
    },

    async markProcessed(id: number, shopId: number | null): Promise<void> {
      await db
        .update(inboxEvents)
        .set({
          status: 'processed',
          processedAt: new Date(),
          shopId: shopId ?? undefined,
          attempts: sql`${inboxEvents.attempts} + 1`,
        })
        .where(eq(inboxEvents.id, id));
    },

    /** Deletes up to `limit` processed events received before the cut-off; returns how many. */
    async deleteProcessedBefore(before: Date, limit: number): Promise<number> {
      const rows = await db.execute(sql`
        delete from inbox_events where id in (
          select id from inbox_events where status = 'processed' and received_at < ${before.toISOString()}::timestamptz order by received_at limit ${limit})
        returning id`);
      return rowsOf<{ id: number }>(rows).length;
    },

    /** Drops unknown-shop dead letters received before the cut-off; counts what is left, per domain. */
    async pruneUnknownShop(
      reason: string,
      before: Date,
      limit: number,
    ): Promise<{ pruned: number; kept: number; shops: Record<string, number> }> {
      const deleted = await db.execute(sql`
        delete from inbox_events where id in (
          select id from inbox_events where status = 'dead' and shop_id is null and last_error = ${reason} and received_at < ${before.toISOString()}::timestamptz limit ${limit})
        returning id`);
      const left = await db
        .select({ domain: inboxEvents.shopDomain, n: sql<number>`count(*)::int` })
        .from(inboxEvents)
        .where(
          and(eq(inboxEvents.status, 'dead'), sql`${inboxEvents.shopId} is null`, eq(inboxEvents.lastError, reason)),
        )
        .groupBy(inboxEvents.shopDomain);
      return {
        pruned: rowsOf(deleted).length,
        kept: left.reduce((n, r) => n + Number(r.n), 0),
        shops: Object.fromEntries(left.map((r) => [r.domain, Number(r.n)])),
      };
    },

    async recordFailure(id: number, error: string, dead: boolean): Promise<void> {
      await db
        .update(inboxEvents)
        .set({
          status: dead ? 'dead' : 'pending',
          lastError: escapeUnstorable(error.slice(0, 4000)),
          attempts: sql`${inboxEvents.attempts} + 1`,
        })
        .where(eq(inboxEvents.id, id));
    },
  };
}
