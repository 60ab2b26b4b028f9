import type { DbOrTx } from '../../db/client.js';
import { createStockQueries } from '../../db/stock-queries.js';

/** How far back the 3PL's count corrections are looked at. */
const WINDOW_DAYS = 30;

export interface WarehouseAccuracy {
  id: number;
  name: string;
  correctedUnits: number;
  onHand: number;
  /** 1 − corrected / (on hand + corrected); null when the warehouse holds nothing and nothing was corrected */
  accuracy: number | null;
}

/** Inventory accuracy per warehouse: how much the 3PL's counts corrected our ledger over the window. */
export async function stockAccuracy(
  deps: { db: DbOrTx },
  input: { shopId: number; now: Date },
): Promise<WarehouseAccuracy[]> {
  const since = new Date(input.now.getTime() - WINDOW_DAYS * 86_400_000);
  const rows = await createStockQueries(deps.db).correctionsByWarehouse(input.shopId, since);
  return rows.map((r) => {
    const counted = r.onHand + r.correctedUnits;
    return { ...r, accuracy: counted > 0 ? 1 - r.correctedUnits / counted : null };
  });
}
