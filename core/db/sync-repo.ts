import { and, desc, eq } from 'drizzle-orm';
import { imports, reconcileRuns } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type ImportRow = typeof imports.$inferSelect;
export type ReconcileRun = typeof reconcileRuns.$inferSelect;

/** Progress of imports and reconciliation runs, as the admin shows them. */
export function createSyncRepo(db: DbOrTx) {
  return {
    async startImport(shopId: number): Promise<ImportRow> {
      const [row] = await db.insert(imports).values({ shopId, status: 'running', startedAt: new Date() }).returning();
      return row!;
    },
    async updateImport(shopId: number, id: number, patch: Partial<Pick<ImportRow, 'status' | 'stage' | 'percent' | 'counts' | 'bulkOperationId' | 'error' | 'finishedAt'>>): Promise<void> {
      await db.update(imports).set({ ...patch, updatedAt: new Date() }).where(and(eq(imports.shopId, shopId), eq(imports.id, id)));
    },
    async latestImport(shopId: number): Promise<ImportRow | undefined> {
      const [row] = await db.select().from(imports).where(eq(imports.shopId, shopId)).orderBy(desc(imports.id)).limit(1);
      return row;
    },
    async startRun(shopId: number, cursorFrom: Date | null): Promise<number> {
      const [row] = await db.insert(reconcileRuns).values({ shopId, cursorFrom }).returning({ id: reconcileRuns.id });
      return row!.id;
    },
    async finishRun(shopId: number, id: number, patch: Pick<ReconcileRun, 'status' | 'checked' | 'repaired' | 'details' | 'cursorTo' | 'error'>): Promise<void> {
      await db.update(reconcileRuns).set({ ...patch, finishedAt: new Date() }).where(and(eq(reconcileRuns.shopId, shopId), eq(reconcileRuns.id, id)));
    },
    async recentRuns(shopId: number, limit = 20): Promise<ReconcileRun[]> {
      return db.select().from(reconcileRuns).where(eq(reconcileRuns.shopId, shopId)).orderBy(desc(reconcileRuns.id)).limit(limit);
    },
  };
}
