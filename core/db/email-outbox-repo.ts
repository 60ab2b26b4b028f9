import { and, desc, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { emailOutbox, type EmailStatus } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type { EmailStatus } from '../../drizzle/schema/index.js';

export type OutboxRow = typeof emailOutbox.$inferSelect;
export type NewOutboxRow = Omit<typeof emailOutbox.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

/** How long a worker owns a message it is sending before another may take it over. */
const LEASE_MS = 120_000;

export function createEmailOutboxRepo(db: DbOrTx) {
  return {
    /** Writes the message unless one of the same (subject, kind) exists; returns the row either way. */
    async insertOnce(row: NewOutboxRow): Promise<{ row: OutboxRow; created: boolean }> {
      const [inserted] = await db
        .insert(emailOutbox)
        .values(row)
        .onConflictDoNothing({ target: [emailOutbox.shopId, emailOutbox.subjectKey, emailOutbox.kind] })
        .returning();
      if (inserted) return { row: inserted, created: true };
      const existing = await this.bySubject(row.shopId, row.subjectKey, row.kind);
      return { row: existing!, created: false };
    },
    async bySubject(shopId: number, subjectKey: string, kind: string): Promise<OutboxRow | undefined> {
      const [row] = await db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.shopId, shopId), eq(emailOutbox.subjectKey, subjectKey), eq(emailOutbox.kind, kind)));
      return row;
    },
    /** The first message decided about a subject, whatever its kind: it fixed who speaks for it. */
    async firstForSubject(shopId: number, subjectKey: string): Promise<OutboxRow | undefined> {
      const [row] = await db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.shopId, shopId), eq(emailOutbox.subjectKey, subjectKey)))
        .orderBy(emailOutbox.id)
        .limit(1);
      return row;
    },
    async get(shopId: number, id: number): Promise<OutboxRow | undefined> {
      const [row] = await db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.shopId, shopId), eq(emailOutbox.id, id)));
      return row;
    },
    /**
     * Takes a message to send: only one worker wins, and a worker that died mid-send loses it
     * once its lease ends.
     */
    async claim(shopId: number, id: number, now: Date): Promise<OutboxRow | undefined> {
      const [row] = await db
        .update(emailOutbox)
        .set({
          status: 'sending',
          attempts: sql`${emailOutbox.attempts} + 1`,
          leaseUntil: new Date(now.getTime() + LEASE_MS),
          updatedAt: now,
        })
        .where(
          and(
            eq(emailOutbox.shopId, shopId),
            eq(emailOutbox.id, id),
            or(
              eq(emailOutbox.status, 'pending'),
              and(eq(emailOutbox.status, 'sending'), lt(emailOutbox.leaseUntil, now)),
            ),
          ),
        )
        .returning();
      return row;
    },
    async markSent(
      shopId: number,
      id: number,
      out: { subject: string; messageId: string; smtpResponse: string; at: Date },
    ): Promise<boolean> {
      const rows = await db
        .update(emailOutbox)
        .set({
          status: 'sent',
          subject: out.subject,
          messageId: out.messageId,
          smtpResponse: out.smtpResponse,
          sentAt: out.at,
          leaseUntil: null,
          lastError: null,
          updatedAt: out.at,
        })
        .where(and(eq(emailOutbox.shopId, shopId), eq(emailOutbox.id, id), eq(emailOutbox.status, 'sending')))
        .returning({ id: emailOutbox.id });
      return rows.length === 1;
    },
    /** A failed attempt: back to pending for the next try, or parked for the merchant. */
    async markFailed(shopId: number, id: number, out: { error: string; park: boolean; at: Date }): Promise<void> {
      await db
        .update(emailOutbox)
        .set({
          status: out.park ? 'parked' : 'pending',
          lastError: out.error.slice(0, 1000),
          leaseUntil: null,
          updatedAt: out.at,
        })
        .where(and(eq(emailOutbox.shopId, shopId), eq(emailOutbox.id, id), eq(emailOutbox.status, 'sending')));
    },
    /** The merchant asks for parked messages to be tried again. */
    async retryParked(shopId: number, ids: number[] | 'all', at: Date): Promise<number[]> {
      const rows = await db
        .update(emailOutbox)
        .set({ status: 'pending', attempts: 0, lastError: null, updatedAt: at })
        .where(
          and(
            eq(emailOutbox.shopId, shopId),
            eq(emailOutbox.status, 'parked'),
            ids === 'all' ? undefined : inArray(emailOutbox.id, ids),
          ),
        )
        .returning({ id: emailOutbox.id });
      return rows.map((r) => r.id);
    },
    /** Messages a lost job should have sent: pending for a while, or a sender's lease run out. */
    async stalled(before: Date, now: Date, limit: number): Promise<{ id: number; shopId: number }[]> {
      return db
        .select({ id: emailOutbox.id, shopId: emailOutbox.shopId })
        .from(emailOutbox)
        .where(
          or(
            and(eq(emailOutbox.status, 'pending'), lt(emailOutbox.updatedAt, before)),
            and(eq(emailOutbox.status, 'sending'), isNotNull(emailOutbox.leaseUntil), lt(emailOutbox.leaseUntil, now)),
          ),
        )
        .limit(limit);
    },
    async list(
      shopId: number,
      filter: { statuses?: EmailStatus[]; orderId?: number; limit: number },
    ): Promise<OutboxRow[]> {
      return db
        .select()
        .from(emailOutbox)
        .where(
          and(
            eq(emailOutbox.shopId, shopId),
            filter.statuses?.length ? inArray(emailOutbox.status, filter.statuses) : undefined,
            filter.orderId ? eq(emailOutbox.orderId, filter.orderId) : undefined,
          ),
        )
        .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
        .limit(filter.limit);
    },
    async countByStatus(shopId: number): Promise<Record<string, number>> {
      const rows = await db
        .select({ status: emailOutbox.status, n: sql<number>`count(*)::int` })
        .from(emailOutbox)
        .where(eq(emailOutbox.shopId, shopId))
        .groupBy(emailOutbox.status);
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
    async messageIds(shopId: number): Promise<Map<string, { id: number; kind: string; orderId: number | null }>> {
      const rows = await db
        .select({
          id: emailOutbox.id,
          kind: emailOutbox.kind,
          orderId: emailOutbox.orderId,
          messageId: emailOutbox.messageId,
        })
        .from(emailOutbox)
        .where(and(eq(emailOutbox.shopId, shopId), isNotNull(emailOutbox.messageId)));
      return new Map(rows.map((r) => [r.messageId!, { id: r.id, kind: r.kind, orderId: r.orderId }]));
    },
  };
}

export type EmailOutboxRepo = ReturnType<typeof createEmailOutboxRepo>;
