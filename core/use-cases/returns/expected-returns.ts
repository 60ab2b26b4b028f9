import type { Db } from '../../db/client.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { orderNames } from '../../db/returns-queries.js';
import { createReturnsRepo } from '../../db/returns-repo.js';

export interface ExpectedReturn {
  id: number;
  rma: string;
  orderName: string | null;
  state: 'approved' | 'in_transit';
  approvedAt: string | null;
  trackingNumber: string | null;
  lines: { lineId: number; sku: string | null; title: string; quantity: number }[];
}

/** Returns the warehouse should expect: approved or on their way to it. */
export async function listExpectedReturns(deps: { db: Db }, who: FeedPrincipal): Promise<ExpectedReturn[]> {
  const rows = await createReturnsRepo(deps.db).expectedAt(who.shopId, who.warehouseId);
  const ids = [...new Set(rows.map((r) => r.orderId).filter((x): x is number => x !== null))];
  const names = await orderNames(deps.db, who.shopId, ids);
  return rows.map((r) => ({
    id: r.id,
    rma: r.rma ?? '',
    orderName: names.find((n) => n.id === r.orderId)?.name ?? null,
    state: r.state as ExpectedReturn['state'],
    approvedAt: r.approvedAt?.toISOString() ?? null,
    trackingNumber: r.trackingNumber,
    lines: r.lines.map((l) => ({ lineId: l.id, sku: l.sku, title: l.title, quantity: l.quantity })),
  }));
}
