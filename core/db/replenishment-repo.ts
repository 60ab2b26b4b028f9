import { and, eq, inArray, notInArray, or, sql } from 'drizzle-orm';
import { replenishmentSnapshot, skus, stockAlerts, type AlertKind } from '../../drizzle/schema/index.js';
import type { Db } from './client.js';
import { lockKey } from './locks.js';
import { refreshDemandSql, updateAbcSql, upsertSnapshotSql, type SnapshotParams } from './replenishment-sql.js';

export type ReplenishmentSnapshot = typeof replenishmentSnapshot.$inferSelect;
export type StockAlert = typeof stockAlerts.$inferSelect;
export type { AlertKind, SnapshotParams };

/** An alert to open, as the domain's builders describe it. */
export interface NewStockAlert {
  skuId: number;
  kind: AlertKind;
  severity: StockAlert['severity'];
  message: string;
  formula: string;
  inputs: StockAlert['inputs'];
}

/**
 * The replenishment snapshot (computed in set-based SQL, replenishment-sql.ts) and the stock
 * alerts raised from it.
 */
export function createReplenishmentRepo(db: Db) {
  return {
    /**
     * One transaction: daily demand rebuilt from `demandFrom` (null keeps what is there), the
     * snapshot upserted, and the A/B/C classes when `abc` is given.
     */
    async recompute(input: {
      tuneWorkMem: boolean;
      shopId: number;
      demandFrom: string | null;
      snapshot: SnapshotParams;
      abc: { a: number; b: number } | null;
    }): Promise<void> {
      await db.transaction(async (tx) => {
        // two recomputes of one shop (a coalesced job beside a full one) would both delete the
        // same days of demand and then both insert them: the second waits for the first instead
        await lockKey(tx, `replenishment:${input.shopId}`);
        // a big aggregate: give it memory instead of spilling sorts to disk (Postgres only)
        if (input.tuneWorkMem) await tx.execute(sql`set local work_mem = '256MB'`);
        if (input.demandFrom !== null)
          for (const q of refreshDemandSql(input.shopId, input.demandFrom)) await tx.execute(q);
        await tx.execute(upsertSnapshotSql(input.snapshot));
        if (input.abc) await tx.execute(updateAbcSql(input.shopId, input.abc.a, input.abc.b));
      });
    },

    /** Only the snapshot rows that can raise something: the scan of flags stays in SQL. */
    async alertCandidates(
      shopId: number,
      p: { asOf: string; overstockDays: number; deadStockDays: number; skuIds?: number[] },
    ): Promise<{ r: ReplenishmentSnapshot; sku: string }[]> {
      const only = p.skuIds ? inArray(replenishmentSnapshot.skuId, p.skuIds) : undefined;
      return db
        .select({ r: replenishmentSnapshot, sku: skus.sku })
        .from(replenishmentSnapshot)
        .innerJoin(skus, eq(skus.id, replenishmentSnapshot.skuId))
        .where(
          and(
            eq(replenishmentSnapshot.shopId, shopId),
            only,
            or(
              sql`${replenishmentSnapshot.available} - ${replenishmentSnapshot.backorders} <= ${replenishmentSnapshot.reorderPoint}`,
              sql`${replenishmentSnapshot.backorders} > 0`,
              sql`${replenishmentSnapshot.daysOfCover} < ${replenishmentSnapshot.leadTimeDays}`,
              sql`${replenishmentSnapshot.daysOfCover} > ${p.overstockDays}`,
              sql`${replenishmentSnapshot.available} > 0 and (${replenishmentSnapshot.lastSale} is null or ${replenishmentSnapshot.lastSale} <= ${p.asOf}::date - ${p.deadStockDays}::int)`,
            ),
          ),
        );
    },

    /** A snooze that ended: the alert is open again. */
    async reopenSnoozedAlerts(shopId: number): Promise<void> {
      await db
        .update(stockAlerts)
        .set({ status: 'open', snoozedUntil: null, updatedAt: new Date() })
        .where(
          and(
            eq(stockAlerts.shopId, shopId),
            eq(stockAlerts.status, 'snoozed'),
            sql`${stockAlerts.snoozedUntil} < now()`,
          ),
        );
    },

    /** Alerts not resolved, for some SKUs or all. */
    async unresolvedAlerts(shopId: number, skuIds?: number[]): Promise<StockAlert[]> {
      return db
        .select()
        .from(stockAlerts)
        .where(
          and(
            eq(stockAlerts.shopId, shopId),
            notInArray(stockAlerts.status, ['resolved']),
            skuIds ? inArray(stockAlerts.skuId, skuIds) : undefined,
          ),
        );
    },

    /** Alerts whose figures changed, in one statement. */
    async refreshAlerts(
      shopId: number,
      changed: Pick<StockAlert, 'id' | 'severity' | 'message' | 'formula' | 'inputs'>[],
    ): Promise<void> {
      if (changed.length === 0) return;
      const rows = sql.join(
        changed.map(
          (a) =>
            sql`(${a.id}::bigint, ${a.severity}::text, ${a.message}::text, ${a.formula}::text, ${JSON.stringify(a.inputs)}::jsonb)`,
        ),
        sql`, `,
      );
      await db.execute(sql`
        update ${stockAlerts} set severity = v.severity, message = v.message, formula = v.formula, inputs = v.inputs,
          updated_at = now()
        from (values ${rows}) as v(id, severity, message, formula, inputs)
        where ${stockAlerts.shopId} = ${shopId} and ${stockAlerts.id} = v.id`);
    },

    async openAlerts(shopId: number, alerts: NewStockAlert[]): Promise<void> {
      for (let i = 0; i < alerts.length; i += 1000)
        await db.insert(stockAlerts).values(alerts.slice(i, i + 1000).map((a) => ({ shopId, ...a })));
    },

    async resolveAlerts(ids: number[], by: string): Promise<void> {
      for (let i = 0; i < ids.length; i += 1000) {
        await db
          .update(stockAlerts)
          .set({ status: 'resolved', resolvedAt: new Date(), resolvedBy: by, updatedAt: new Date() })
          .where(inArray(stockAlerts.id, ids.slice(i, i + 1000)));
      }
    },
  };
}
