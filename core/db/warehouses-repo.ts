import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { allocations, warehouses } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';
import { forgetRoutingConfig } from './routing-config.js';

export type WarehouseRow = typeof warehouses.$inferSelect;
export type NewWarehouse = Omit<typeof warehouses.$inferInsert, 'id' | 'shopId' | 'createdAt' | 'updatedAt'>;

export function createWarehousesRepo(db: DbOrTx) {
  return {
    async list(shopId: number, opts: { activeOnly?: boolean } = {}): Promise<WarehouseRow[]> {
      return db
        .select()
        .from(warehouses)
        .where(and(eq(warehouses.shopId, shopId), opts.activeOnly ? eq(warehouses.active, true) : undefined))
        .orderBy(asc(warehouses.priority), asc(warehouses.id));
    },

    async get(shopId: number, id: number): Promise<WarehouseRow | undefined> {
      const [row] = await db
        .select()
        .from(warehouses)
        .where(and(eq(warehouses.shopId, shopId), eq(warehouses.id, id)));
      return row;
    },

    async byLocation(shopId: number, locationExternalId: string): Promise<WarehouseRow | undefined> {
      const [row] = await db
        .select()
        .from(warehouses)
        .where(and(eq(warehouses.shopId, shopId), eq(warehouses.locationExternalId, locationExternalId)));
      return row;
    },

    async create(shopId: number, w: NewWarehouse): Promise<WarehouseRow> {
      const [row] = await db
        .insert(warehouses)
        .values({ ...w, shopId })
        .returning();
      forgetRoutingConfig(shopId);
      return row!;
    },

    async update(shopId: number, id: number, patch: Partial<NewWarehouse>): Promise<WarehouseRow | undefined> {
      const [row] = await db
        .update(warehouses)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(warehouses.shopId, shopId), eq(warehouses.id, id)))
        .returning();
      forgetRoutingConfig(shopId);
      return row;
    },

    /** Shipments already planned per warehouse for a given local ship date: what daily capacity counts. */
    async shipmentsOn(
      shopId: number,
      byWarehouse: { warehouseId: number; shipDate: string }[],
    ): Promise<Map<number, number>> {
      const out = new Map<number, number>();
      if (byWarehouse.length === 0) return out;
      const rows = await db
        .select({ warehouseId: allocations.warehouseId, shipDate: allocations.shipDate, n: sql<number>`count(*)::int` })
        .from(allocations)
        .where(
          and(
            eq(allocations.shopId, shopId),
            inArray(
              allocations.warehouseId,
              byWarehouse.map((b) => b.warehouseId),
            ),
            inArray(allocations.shipDate, [...new Set(byWarehouse.map((b) => b.shipDate))]),
            notInArray(allocations.status, ['cancelled', 'rejected']),
          ),
        )
        .groupBy(allocations.warehouseId, allocations.shipDate);
      for (const b of byWarehouse) {
        const r = rows.find((x) => x.warehouseId === b.warehouseId && x.shipDate === b.shipDate);
        out.set(b.warehouseId, Number(r?.n ?? 0));
      }
      return out;
    },
  };
}
export type WarehousesRepo = ReturnType<typeof createWarehousesRepo>;
