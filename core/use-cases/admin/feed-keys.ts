import type { DbOrTx } from '../../db/client.js';
import { createFeedKeysRepo } from '../../db/feed-keys-repo.js';
import { createWarehousesRepo } from '../../db/warehouses-repo.js';
import { NotFoundError } from '../../errors.js';
import type { FeedAuthVersion } from '../../feed-auth-version.js';

/** 3PL API keys of one of the shop's warehouses; a warehouse of another shop is not found. */
async function ownedWarehouse(db: DbOrTx, shopId: number, warehouseId: number) {
  const w = await createWarehousesRepo(db).get(shopId, warehouseId);
  if (!w) throw new NotFoundError('warehouse');
  return w;
}

/** The warehouse's keys, newest first, never the secrets. */
export async function listFeedKeys(deps: { db: DbOrTx }, input: { shopId: number; warehouseId: number }) {
  await ownedWarehouse(deps.db, input.shopId, input.warehouseId);
  return createFeedKeysRepo(deps.db).list(input.shopId, input.warehouseId);
}

/** Makes a key for the warehouse; the returned `key` is the only time the secret exists outside a hash. */
export async function createFeedKey(
  deps: { db: DbOrTx },
  input: { shopId: number; warehouseId: number; label: string },
) {
  await ownedWarehouse(deps.db, input.shopId, input.warehouseId);
  return createFeedKeysRepo(deps.db).create(input.shopId, input.warehouseId, input.label);
}

/** Revokes an active key of the warehouse; every instance refuses it from the next request on. */
export async function revokeFeedKey(
  deps: { db: DbOrTx; feedAuth: Pick<FeedAuthVersion, 'bump'> },
  input: { shopId: number; warehouseId: number; keyId: number },
): Promise<void> {
  await ownedWarehouse(deps.db, input.shopId, input.warehouseId);
  if (!(await createFeedKeysRepo(deps.db).revoke(input.shopId, input.warehouseId, input.keyId)))
    throw new NotFoundError('active key');
  // a failed bump fails the request: the merchant must not be told the key is dead while caches trust it
  await deps.feedAuth.bump();
}

/** The shop's warehouse, or NotFoundError. */
export const getWarehouse = (deps: { db: DbOrTx }, input: { shopId: number; warehouseId: number }) =>
  ownedWarehouse(deps.db, input.shopId, input.warehouseId);
