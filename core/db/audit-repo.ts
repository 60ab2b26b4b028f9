import { and, asc, eq, sql } from 'drizzle-orm';
import { auditLog, orders } from '../../drizzle/schema/index.js';
import { runAhead, type DbOrTx } from './client.js';
import { rowsOf } from './rows-of.js';

export type AuditEntry = typeof auditLog.$inferSelect;
type NewAuditEntry = typeof auditLog.$inferInsert;

// transactions whose entries are gathered and written in one statement before they commit
const gathered = new WeakMap<object, NewAuditEntry[]>();

/**
 * Entries recorded through `tx` from now on wait for `writeGatheredAudit(tx)`: a transaction
 * that applies many events (an ingest batch) writes its timeline in one statement.
 */
export function gatherAudit(tx: DbOrTx): void {
  gathered.set(tx, []);
}

/**
 * Writes the entries gathered on `tx` (call it before the transaction ends). The insert is sent
 * ahead (`sendAhead`): it travels with the transaction's next statement or its commit, and its
 * failure fails the transaction.
 */
export async function writeGatheredAudit(tx: DbOrTx): Promise<void> {
  const rows = gathered.get(tx) ?? [];
  gathered.delete(tx);
  if (rows.length === 0) return;
  const entries = JSON.stringify(
    rows.map((r) => ({
      shop_id: r.shopId,
      entity: r.entity,
      entity_id: r.entityId,
      action: r.action,
      actor: r.actor,
      data: r.data ?? null,
    })),
  );
  await runAhead(tx, insertGathered(entries));
}

/**
 * Entries as one JSON parameter: the same statement text for one entry or a batch's hundred, so
 * each connection prepares and plans it once (a VALUES row per entry made a text per count).
 */
const insertGathered = (entries: string) => sql`
  insert into audit_log (shop_id, entity, entity_id, action, actor, data)
  select shop_id, entity, entity_id, action, actor, data
  from jsonb_to_recordset(${entries}::jsonb)
    as x(shop_id bigint, entity text, entity_id text, action text, actor text, data jsonb)`;

/** The timeline of every entity: what happened, who did it, with the data that explains it. */
export function createAuditRepo(db: DbOrTx) {
  return {
    async record(
      shopId: number,
      entity: string,
      entityId: string,
      action: string,
      actor: string,
      data?: unknown,
    ): Promise<void> {
      const row = { shopId, entity, entityId, action, actor, data: data ?? null };
      const waiting = gathered.get(db);
      if (waiting) waiting.push(row);
      else await db.insert(auditLog).values(row);
    },
    /**
     * An entry on the order known by its channel id, found and written in one statement; false
     * when no such order is held.
     */
    async recordOnOrder(
      shopId: number,
      order: { channel: string; externalId: string },
      action: string,
      actor: string,
      data: unknown,
    ): Promise<boolean> {
      const rows = await db.execute(sql`
        insert into ${auditLog} (shop_id, entity, entity_id, action, actor, data)
        select ${shopId}, 'order', ${orders.id}::text, ${action}, ${actor}, ${JSON.stringify(data)}::jsonb
        from ${orders}
        where ${orders.shopId} = ${shopId} and ${orders.channel} = ${order.channel} and ${orders.externalId} = ${order.externalId}
        returning ${auditLog.id}`);
      return rowsOf(rows).length > 0;
    },
    /** The first entry of this action on the entity whose data contains `match` (jsonb containment), if any. */
    async findWith(
      shopId: number,
      entity: string,
      entityId: string,
      action: string,
      match: Record<string, unknown>,
    ): Promise<AuditEntry | undefined> {
      const [row] = await db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.shopId, shopId),
            eq(auditLog.entity, entity),
            eq(auditLog.entityId, entityId),
            eq(auditLog.action, action),
            sql`${auditLog.data} @> ${JSON.stringify(match)}::jsonb`,
          ),
        )
        .orderBy(asc(auditLog.id))
        .limit(1);
      return row;
    },
    async list(shopId: number, entity: string, entityId: string): Promise<AuditEntry[]> {
      return db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.shopId, shopId), eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
        .orderBy(asc(auditLog.createdAt), asc(auditLog.id));
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
