import { and, asc, eq, gt, gte, inArray } from 'drizzle-orm';
import {
  allocationLines,
  allocations,
  shipmentLines,
  shipments,
  skus,
  stockLevels,
} from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

/** A shipment as its 3PL reported it, with what happened since. */
export interface FeedShipment {
  id: number;
  allocationId: number;
  idempotencyKey: string;
  status: (typeof shipments.$inferSelect)['status'];
  carrier: string | null;
  trackingNumbers: string[];
  trackingUrls: string[];
  shippedAt: Date;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  lines: { lineId: number; sku: string; quantity: number }[];
}

/** What the app believes one warehouse holds of one SKU. */
export interface FeedStockLevel {
  sku: string;
  onHand: number;
  reserved: number;
  updatedAt: Date;
}

/** The feed's read-back of what a 3PL wrote; every query is scoped to one shop and one warehouse. */
export function createFeedReadbackRepo(db: DbOrTx) {
  async function shipmentsWhere(
    shopId: number,
    warehouseId: number,
    where: ReturnType<typeof and>,
    limit: number,
  ): Promise<FeedShipment[]> {
    const rows = await db
      .select({ s: shipments })
      .from(shipments)
      .innerJoin(allocations, eq(allocations.id, shipments.allocationId))
      .where(
        and(
          eq(shipments.shopId, shopId),
          eq(allocations.shopId, shopId),
          eq(allocations.warehouseId, warehouseId),
          where,
        ),
      )
      .orderBy(asc(shipments.id))
      .limit(limit);
    if (rows.length === 0) return [];
    const lines = await db
      .select({
        shipmentId: shipmentLines.shipmentId,
        lineId: shipmentLines.allocationLineId,
        sku: skus.sku,
        quantity: shipmentLines.quantity,
      })
      .from(shipmentLines)
      .innerJoin(allocationLines, eq(allocationLines.id, shipmentLines.allocationLineId))
      .innerJoin(skus, eq(skus.id, allocationLines.skuId))
      .where(
        and(
          eq(shipmentLines.shopId, shopId),
          inArray(
            shipmentLines.shipmentId,
            rows.map((r) => r.s.id),
          ),
        ),
      )
      .orderBy(asc(shipmentLines.id));
    return rows.map(({ s }) => ({
      id: s.id,
      allocationId: s.allocationId,
      idempotencyKey: s.idempotencyKey,
      status: s.status,
      carrier: s.carrier,
      trackingNumbers: s.trackingNumbers,
      trackingUrls: s.trackingUrls,
      shippedAt: s.shippedAt,
      deliveredAt: s.deliveredAt,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      lines: lines.filter((l) => l.shipmentId === s.id).map(({ lineId, sku, quantity }) => ({ lineId, sku, quantity })),
    }));
  }

  return {
    /** Keyset-paginated by id; optionally one allocation's, or those changed since an instant. */
    listShipments(
      shopId: number,
      warehouseId: number,
      opts: { after?: number; limit: number; allocationId?: number; changedSince?: Date },
    ): Promise<FeedShipment[]> {
      return shipmentsWhere(
        shopId,
        warehouseId,
        and(
          opts.after ? gt(shipments.id, opts.after) : undefined,
          opts.allocationId ? eq(shipments.allocationId, opts.allocationId) : undefined,
          opts.changedSince ? gte(shipments.updatedAt, opts.changedSince) : undefined,
        ),
        opts.limit,
      );
    },

    async getShipment(shopId: number, warehouseId: number, id: number): Promise<FeedShipment | undefined> {
      return (await shipmentsWhere(shopId, warehouseId, eq(shipments.id, id), 1))[0];
    },

    /** Stock levels of the warehouse, keyset-paginated by SKU code. */
    async listStock(
      shopId: number,
      warehouseId: number,
      opts: { afterSku?: string; limit: number; skus?: string[] },
    ): Promise<FeedStockLevel[]> {
      return db
        .select({
          sku: skus.sku,
          onHand: stockLevels.onHand,
          reserved: stockLevels.reserved,
          updatedAt: stockLevels.updatedAt,
        })
        .from(stockLevels)
        .innerJoin(skus, eq(skus.id, stockLevels.skuId))
        .where(
          and(
            eq(stockLevels.shopId, shopId),
            eq(skus.shopId, shopId),
            eq(stockLevels.warehouseId, warehouseId),
            opts.afterSku !== undefined ? gt(skus.sku, opts.afterSku) : undefined,
            opts.skus?.length ? inArray(skus.sku, opts.skus) : undefined,
          ),
        )
        .orderBy(asc(skus.sku))
        .limit(opts.limit);
    },
  };
}
