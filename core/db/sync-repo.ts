import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { imports, reconcileRuns } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type ImportRow = typeof imports.$inferSelect;
export type ReconcileRun = typeof reconcileRuns.$inferSelect;

/** Progress of imports and reconciliation runs, as the admin shows them. */
export function createSyncRepo(db: DbOrTx) {
  return {
    /** An import asked for and not started yet; one queued row per shop at most. */
    async queueImport(shopId: number): Promise<ImportRow> {
      const [queued] = await db
        .select()
        .from(imports)
        .where(and(eq(imports.shopId, shopId), eq(imports.status, 'queued')))
        .orderBy(asc(imports.id))
        .limit(1);
      if (queued) return queued;
      const [row] = await db.insert(imports).values({ shopId, status: 'queued' }).returning();
      return row!;
    },
    /** Starts the shop's oldest queued import, or a new one when none is queued. */
    async startImport(shopId: number): Promise<ImportRow> {
      const oldestQueued = db
        .select({ id: imports.id })
        .from(imports)
        .where(and(eq(imports.shopId, shopId), eq(imports.status, 'queued')))
        .orderBy(asc(imports.id))
        .limit(1);
      const [adopted] = await db
        .update(imports)
        .set({ status: 'running', startedAt: new Date(), updatedAt: new Date() })
        .where(and(eq(imports.shopId, shopId), eq(imports.status, 'queued'), inArray(imports.id, oldestQueued)))
        .returning();
      if (adopted) return adopted;
      const [row] = await db.insert(imports).values({ shopId, status: 'running', startedAt: new Date() }).returning();
      return row!;
    },
    async updateImport(
      shopId: number,
      id: number,
      patch: Partial<
        Pick<ImportRow, 'status' | 'stage' | 'percent' | 'counts' | 'bulkOperationId' | 'error' | 'finishedAt'>
      >,
    ): Promise<void> {
      await db
        .update(imports)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(imports.shopId, shopId), eq(imports.id, id)));
    },
    async latestImport(shopId: number): Promise<ImportRow | undefined> {
      const [row] = await db
        .select()
        .from(imports)
        .where(eq(imports.shopId, shopId))
        .orderBy(desc(imports.id))
        .limit(1);
      return row;
    },
    async startRun(shopId: number, cursorFrom: Date | null): Promise<number> {
      const [row] = await db.insert(reconcileRuns).values({ shopId, cursorFrom }).returning({ id: reconcileRuns.id });
      return row!.id;
    },
    async finishRun(
      shopId: number,
      id: number,
      patch: Pick<ReconcileRun, 'status' | 'checked' | 'repaired' | 'details' | 'cursorTo' | 'error'>,
    ): Promise<void> {
      await db
        .update(reconcileRuns)
        .set({ ...patch, finishedAt: new Date() })
        .where(and(eq(reconcileRuns.shopId, shopId), eq(reconcileRuns.id, id)));
    },
    async recentRuns(shopId: number, limit = 20): Promise<ReconcileRun[]> {
      return db
        .select()
        .from(reconcileRuns)
        .where(eq(reconcileRuns.shopId, shopId))
        .orderBy(desc(reconcileRuns.id))
        .limit(limit);
    },
  };
}
