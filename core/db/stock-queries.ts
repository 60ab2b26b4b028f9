import { and, asc, desc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import {
  demandDaily,
  inventoryMovements,
  replenishmentSnapshot,
  skus,
  stockAlerts,
  stockLevels,
  warehouses,
} from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

/** The replenishment numbers of one SKU as the last run stored them. */
export type ReplenishmentSnapshotRow = typeof replenishmentSnapshot.$inferSelect;

export interface StockFilters {
  q?: string;
  abcClass?: 'A' | 'B' | 'C';
  status?: 'out_of_stock' | 'below_reorder_point' | 'overstock' | 'ok';
  warehouseId?: number;
  supplier?: string;
}

/** One SKU of the Stock list as `list` reads it, every field (the CSV export writes them all). */
export type StockListRow = Awaited<ReturnType<ReturnType<typeof createStockQueries>['list']>>['items'][number];

/** The Stock page: one row per SKU with its per-warehouse levels and its replenishment numbers. */
export function createStockQueries(db: DbOrTx) {
  return {
    async list(shopId: number, f: StockFilters, page: { after?: number; limit: number }) {
      const conds: (SQL | undefined)[] = [eq(skus.shopId, shopId)];
      if (f.q)
        conds.push(
          or(ilike(skus.sku, `%${f.q.replace(/[%_]/g, '')}%`), ilike(skus.title, `%${f.q.replace(/[%_]/g, '')}%`)),
        );
      if (f.abcClass) conds.push(eq(replenishmentSnapshot.abcClass, f.abcClass));
      if (f.supplier) conds.push(eq(skus.supplier, f.supplier));
      if (f.status === 'out_of_stock') conds.push(sql`coalesce(${replenishmentSnapshot.available}, 0) <= 0`);
      if (f.status === 'below_reorder_point')
        conds.push(
          sql`${replenishmentSnapshot.available} - ${replenishmentSnapshot.backorders} <= ${replenishmentSnapshot.reorderPoint} and ${replenishmentSnapshot.meanDaily} > 0`,
        );
      if (f.status === 'overstock')
        conds.push(
          sql`exists (select 1 from stock_alerts sa where sa.sku_id = ${skus.id} and sa.kind = 'overstock' and sa.status = 'open')`,
        );
      if (f.warehouseId)
        conds.push(
          sql`exists (select 1 from stock_levels wl where wl.sku_id = ${skus.id} and wl.warehouse_id = ${f.warehouseId} and wl.on_hand > 0)`,
        );
      if (page.after) conds.push(gt(skus.id, page.after));
      const rows = await db
        .select({ sku: skus, snap: replenishmentSnapshot })
        .from(skus)
        .leftJoin(
          replenishmentSnapshot,
          and(eq(replenishmentSnapshot.shopId, skus.shopId), eq(replenishmentSnapshot.skuId, skus.id)),
        )
        .where(and(...conds))
        .orderBy(asc(skus.id))
        .limit(page.limit);
      const ids = rows.map((r) => r.sku.id);
      // levels and open alerts of the page's SKUs, read together and grouped once
      const [levels, alerts] = ids.length
        ? await Promise.all([
            db
              .select({
                skuId: stockLevels.skuId,
                warehouseId: stockLevels.warehouseId,
                warehouse: warehouses.name,
                onHand: stockLevels.onHand,
                reserved: stockLevels.reserved,
              })
              .from(stockLevels)
              .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
              .where(and(eq(stockLevels.shopId, shopId), inArray(stockLevels.skuId, ids))),
            db
              .select({ skuId: stockAlerts.skuId, kind: stockAlerts.kind, severity: stockAlerts.severity })
              .from(stockAlerts)
              .where(
                and(eq(stockAlerts.shopId, shopId), inArray(stockAlerts.skuId, ids), eq(stockAlerts.status, 'open')),
              ),
          ])
        : [[], []];
      const levelsOf = new Map<number, typeof levels>();
      for (const l of levels) levelsOf.set(l.skuId, [...(levelsOf.get(l.skuId) ?? []), l]);
      const alertsOf = new Map<number, typeof alerts>();
      for (const a of alerts) alertsOf.set(a.skuId, [...(alertsOf.get(a.skuId) ?? []), a]);
      return {
        items: rows.map(({ sku, snap }) => ({
          id: sku.id,
          sku: sku.sku,
          title: sku.title,
          supplier: sku.supplier,
          price: sku.price,
          levels: (levelsOf.get(sku.id) ?? []).map(({ skuId: _s, ...l }) => ({
            ...l,
            available: l.onHand - l.reserved,
          })),
          onHand: (levelsOf.get(sku.id) ?? []).reduce((n, l) => n + l.onHand, 0),
          reserved: (levelsOf.get(sku.id) ?? []).reduce((n, l) => n + l.reserved, 0),
          abcClass: snap?.abcClass ?? null,
          meanDaily: snap?.meanDaily ?? null,
          daysOfCover: snap?.daysOfCover ?? null,
          reorderPoint: snap?.reorderPoint ?? null,
          safetyStock: snap?.safetyStock ?? null,
          eoq: snap?.eoq ?? null,
          projectedStockout: snap?.projectedStockout ?? null,
          suggestedOrderQuantity: snap?.suggestedOrderQuantity ?? 0,
          alerts: (alertsOf.get(sku.id) ?? []).map((a) => ({ kind: a.kind, severity: a.severity })),
        })),
        nextAfter: rows.length === page.limit ? rows.at(-1)!.sku.id : null,
      };
    },

    async skuDetail(shopId: number, skuId: number, days: number, asOf: string) {
      const [row] = await db
        .select({ sku: skus, snap: replenishmentSnapshot })
        .from(skus)
        .leftJoin(
          replenishmentSnapshot,
          and(eq(replenishmentSnapshot.shopId, skus.shopId), eq(replenishmentSnapshot.skuId, skus.id)),
        )
        .where(and(eq(skus.shopId, shopId), eq(skus.id, skuId)));
      if (!row) return undefined;
      const demand = await db
        .select({ day: demandDaily.day, units: demandDaily.units, revenue: demandDaily.revenue })
        .from(demandDaily)
        .where(
          and(
            eq(demandDaily.shopId, shopId),
            eq(demandDaily.skuId, skuId),
            sql`${demandDaily.day} > ${asOf}::date - ${days}::int`,
          ),
        )
        .orderBy(asc(demandDaily.day));
      const ledger = await db
        .select({
          id: inventoryMovements.id,
          warehouse: warehouses.name,
          delta: inventoryMovements.delta,
          reason: inventoryMovements.reason,
          reference: inventoryMovements.reference,
          at: inventoryMovements.createdAt,
        })
        .from(inventoryMovements)
        .innerJoin(warehouses, eq(warehouses.id, inventoryMovements.warehouseId))
        .where(and(eq(inventoryMovements.shopId, shopId), eq(inventoryMovements.skuId, skuId)))
        .orderBy(desc(inventoryMovements.id))
        .limit(200);
      const levels = await db
        .select({
          warehouseId: stockLevels.warehouseId,
          warehouse: warehouses.name,
          onHand: stockLevels.onHand,
          reserved: stockLevels.reserved,
        })
        .from(stockLevels)
        .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
        .where(and(eq(stockLevels.shopId, shopId), eq(stockLevels.skuId, skuId)));
      const alerts = await db
        .select()
        .from(stockAlerts)
        .where(and(eq(stockAlerts.shopId, shopId), eq(stockAlerts.skuId, skuId)))
        .orderBy(desc(stockAlerts.id))
        .limit(50);
      return { sku: row.sku, replenishment: row.snap, demand, ledger, levels, alerts };
    },

    /** Per warehouse: units the 3PL's counts corrected since `since`, and what it holds now. */
    // raw, table-qualified `warehouses.id`: drizzle drops qualifiers inside a select list, which breaks correlation
    async correctionsByWarehouse(
      shopId: number,
      since: Date,
    ): Promise<{ id: number; name: string; correctedUnits: number; onHand: number }[]> {
      const rows = await db
        .select({
          id: warehouses.id,
          name: warehouses.name,
          corrected: sql<number>`coalesce((select sum(abs(m.delta)) from inventory_movements m where m.shop_id = ${shopId} and m.warehouse_id = warehouses.id and m.reason = 'snapshot_correction' and m.created_at > ${since.toISOString()}::timestamptz), 0)::int`,
          onHand: sql<number>`coalesce((select sum(sl.on_hand) from stock_levels sl where sl.shop_id = ${shopId} and sl.warehouse_id = warehouses.id), 0)::int`,
        })
        .from(warehouses)
        .where(eq(warehouses.shopId, shopId))
        .orderBy(asc(warehouses.priority), asc(warehouses.id));
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        correctedUnits: Number(r.corrected),
        onHand: Number(r.onHand),
      }));
    },
  };
}
