import type { DbOrTx } from '../../db/client.js';
import type { OrderLineRow, OrderRow } from '../../db/orders-repo.js';
import { returnedPerOrderLine, shippedPerOrderLine } from '../../db/returns-queries.js';

export interface ReturnableLine {
  line: OrderLineRow;
  shipped: number;
  alreadyReturned: number;
  returnable: number;
}

/**
 * What of an order can still be returned: units shipped (by our warehouses, or the whole line
 * when the order was fulfilled elsewhere) less units in returns that were not declined.
 */
export async function returnableLines(
  db: DbOrTx,
  order: OrderRow,
  lines: OrderLineRow[],
): Promise<{ lines: ReturnableLine[]; shippedAt: Date | null; deliveredAt: Date | null }> {
  const ids = lines.map((l) => l.id);
  const shipped = await shippedPerOrderLine(db, order.shopId, ids);
  const returned = await returnedPerOrderLine(db, order.shopId, ids);
  const elsewhere = order.status === 'fulfilled_elsewhere';
  const out = lines.map((line) => {
    const s = elsewhere ? line.currentQuantity : (shipped.find((x) => x.orderLineId === line.id)?.q ?? 0);
    const r = returned.find((x) => x.orderLineId === line.id)?.q ?? 0;
    return { line, shipped: s, alreadyReturned: r, returnable: Math.max(0, s - r) };
  });
  const toDate = (x: Date | string | null | undefined) => (x ? new Date(x) : null);
  const shippedAt =
    shipped
      .map((x) => toDate(x.at))
      .filter((d): d is Date => d !== null)
      .sort((a, b) => b.getTime() - a.getTime())[0] ?? (elsewhere ? order.sourceUpdatedAt : null);
  const deliveredAt =
    shipped
      .map((x) => toDate(x.delivered))
      .filter((d): d is Date => d !== null)
      .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return { lines: out, shippedAt, deliveredAt };
}
