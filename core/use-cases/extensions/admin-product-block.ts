import type { AdminProductBlock } from '../../contracts/extensions.js';
import type { Db } from '../../db/client.js';
import { createProductStockQueries } from '../../db/product-stock-queries.js';
import { NotFoundError } from '../../errors.js';

const rank = { ok: 0, info: 1, warning: 2, critical: 3 } as const;
type AlertStatus = keyof typeof rank;

/** The worst open alert decides; an unknown severity counts as a warning rather than as fine. */
export function alertStatusOf(severities: string[]): AlertStatus {
  return severities.reduce<AlertStatus>((worst, s) => {
    const level: AlertStatus = s in rank ? (s as AlertStatus) : 'warning';
    return rank[level] > rank[worst] ? level : worst;
  }, 'ok');
}

/** The product-details block: per SKU of the product, stock by warehouse, sellable by channel, replenishment and alerts. */
export async function adminProductBlock(
  deps: { db: Db },
  input: { shopId: number; productExternalId: string },
): Promise<AdminProductBlock> {
  const rows = await createProductStockQueries(deps.db).forProduct(input.shopId, input.productExternalId);
  if (rows.length === 0) throw new NotFoundError('product');
  return {
    skus: rows.map((r) => ({
      id: r.id,
      sku: r.sku,
      title: r.title,
      levels: r.levels.map((l) => ({
        warehouse: l.warehouse,
        onHand: l.onHand,
        reserved: l.reserved,
        available: l.onHand - l.reserved,
      })),
      sellable: r.sellable.map((s) => ({
        channel: s.channel,
        quantity: s.quantity,
        pushedAt: s.pushedAt.toISOString(),
      })),
      reorderPoint: r.reorderPoint,
      daysOfCover: r.daysOfCover,
      alerts: r.alerts.map((a) => ({ kind: a.kind, severity: a.severity, message: a.message })),
      alertStatus: alertStatusOf(r.alerts.map((a) => a.severity)),
      link: `app:stock/${r.id}`,
    })),
  };
}
