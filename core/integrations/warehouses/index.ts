import type { WarehouseRow } from '../../db/warehouses-repo.js';
import type { TokenCipher } from '../../crypto/token-cipher.js';
import { createFeedWarehouse } from './feed-warehouse.js';
import { createHttpWarehouse } from './http-warehouse.js';
import type { PushNetPolicy } from './push-client.js';
import type { WarehouseAdapter } from './warehouse.js';

export type { DispatchOrder, DispatchOutcome, WarehouseAdapter } from './warehouse.js';

/** One adapter per dispatch style, found through this map. */
export const warehouseStyles = {
  feed: (_w: WarehouseRow) => createFeedWarehouse(),
  http: (w: WarehouseRow, cipher: TokenCipher, net?: PushNetPolicy, now: Date = new Date()) =>
    createHttpWarehouse({
      warehouseId: w.id,
      url: w.pushUrl!,
      secret: cipher.decrypt(w.pushSecretEnc!),
      net,
      previousSecret:
        w.pushSecretPrevEnc && w.pushSecretPrevUntil && w.pushSecretPrevUntil > now
          ? cipher.decrypt(w.pushSecretPrevEnc)
          : undefined,
    }),
} satisfies Record<
  WarehouseRow['dispatchStyle'],
  (w: WarehouseRow, cipher: TokenCipher, net?: PushNetPolicy, now?: Date) => WarehouseAdapter
>;

export function warehouseAdapter(
  w: WarehouseRow,
  cipher: TokenCipher,
  net?: PushNetPolicy,
  now?: Date,
): WarehouseAdapter {
  if (w.dispatchStyle === 'http' && (!w.pushUrl || !w.pushSecretEnc))
    throw new Error(`warehouse ${w.id} pushes over HTTP but has no URL or secret`);
  return warehouseStyles[w.dispatchStyle](w, cipher, net, now);
}
