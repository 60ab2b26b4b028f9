import type { DbOrTx } from '../../db/client.js';
import { createFeedKeysRepo } from '../../db/feed-keys-repo.js';
import { createWarehousesRepo } from '../../db/warehouses-repo.js';
import { NotFoundError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { bumpFeedKeyGeneration } from '../feed/feed-key-cache.js';
import type { Redis } from 'ioredis';

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

/**
 * Revokes an active key of the warehouse, then ends the feed's trust in keys it verified lately
 * (feed-key-cache.ts): the key is refused at its next request. Should Redis fail there, the
 * revocation stands and reaches every process within the cache's ten seconds.
 */
export async function revokeFeedKey(
  deps: { db: DbOrTx; redis: Redis; prefix: string; log: Logger },
  input: { shopId: number; warehouseId: number; keyId: number },
): Promise<void> {
  await ownedWarehouse(deps.db, input.shopId, input.warehouseId);
  if (!(await createFeedKeysRepo(deps.db).revoke(input.shopId, input.warehouseId, input.keyId)))
    throw new NotFoundError('active key');
  try {
    await bumpFeedKeyGeneration(deps.redis, deps.prefix);
  } catch (err) {
    deps.log.warn(
      { keyId: input.keyId, err: (err as Error).message },
      'feed key revoked; processes that verified it lately refuse it within ten seconds',
    );
  }
}

/** The shop's warehouse, or NotFoundError. */
export const getWarehouse = (deps: { db: DbOrTx }, input: { shopId: number; warehouseId: number }) =>
  ownedWarehouse(deps.db, input.shopId, input.warehouseId);
