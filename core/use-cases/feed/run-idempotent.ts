import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { createFeedIdempotencyRepo } from '../../db/feed-idempotency-repo.js';
import { ValidationError } from '../../errors.js';

/** An answer of a feed write: fresh, or the stored answer of the first request with this key. */
export interface IdempotentAnswer<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

/** Key order does not change a request: objects are hashed with sorted keys. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => [k, canonical(x)]),
    );
  return v;
}

/**
 * Idempotency of the feed's writes, the same for every one: a key is scoped to the warehouse,
 * the operation and the resource in its path. The same key with the same request answers the
 * stored result (replayed); with a different request it is a 422 `idempotency_key_reused`.
 * Only successes are stored: a refused request can be corrected and sent again with its key.
 */
export async function runIdempotent<T>(
  deps: { db: Db },
  input: { who: FeedPrincipal; scope: string; key: string; request: unknown },
  run: () => Promise<{ statusCode: number; body: T }>,
): Promise<IdempotentAnswer<T>> {
  const repo = createFeedIdempotencyRepo(deps.db);
  const requestHash = createHash('sha256')
    .update(JSON.stringify(canonical(input.request)))
    .digest('hex');
  const stored = await repo.find(input.who.shopId, input.who.warehouseId, input.scope, input.key);
  if (stored) {
    if (stored.requestHash !== requestHash) {
      throw new ValidationError(
        'This Idempotency-Key was used with a different request',
        [{ path: 'idempotency-key', message: 'send a new key for a new request' }],
        'idempotency_key_reused',
        422,
      );
    }
    return { statusCode: stored.statusCode, body: stored.response as T, replayed: true };
  }
  const fresh = await run();
  await repo.save(input.who.shopId, input.who.warehouseId, input.scope, input.key, {
    requestHash,
    statusCode: fresh.statusCode,
    response: fresh.body,
  });
  return { ...fresh, replayed: false };
}
