import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { replenishmentSnapshot, skus, stockAlerts } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export interface DigestAlert {
  sku: string;
  title: string;
  severity: (typeof stockAlerts.$inferSelect)['severity'];
  onHand: number | null;
  reorderPoint: number | null;
  daysOfCover: number | null;
}

/** The shop's open stock alerts with their SKU's snapshot, critical first, then the shortest cover. */
export async function openAlertsForDigest(db: DbOrTx, shopId: number): Promise<DigestAlert[]> {
  return db
    .select({
      sku: skus.sku,
      title: skus.title,
      severity: stockAlerts.severity,
      onHand: replenishmentSnapshot.onHand,
      reorderPoint: replenishmentSnapshot.reorderPoint,
      daysOfCover: replenishmentSnapshot.daysOfCover,
    })
    .from(stockAlerts)
    .innerJoin(skus, eq(skus.id, stockAlerts.skuId))
    .leftJoin(
      replenishmentSnapshot,
      and(eq(replenishmentSnapshot.shopId, stockAlerts.shopId), eq(replenishmentSnapshot.skuId, stockAlerts.skuId)),
    )
    .where(and(eq(stockAlerts.shopId, shopId), eq(stockAlerts.status, 'open')))
    .orderBy(desc(sql`${stockAlerts.severity} = 'critical'`), asc(replenishmentSnapshot.daysOfCover), asc(skus.sku));
}
