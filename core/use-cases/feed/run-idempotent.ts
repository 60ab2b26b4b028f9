import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { createFeedIdempotencyRepo, type StoredAnswer } from '../../db/feed-idempotency-repo.js';
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

/** A fresh answer; `repeated` when the operation found its own earlier effect for this key and did nothing. */
export interface FreshAnswer<T> {
  statusCode: number;
  body: T;
  repeated?: boolean;
  /** the operation read the key's stored answer itself (null: none stored); only with `repeated` */
  stored?: StoredAnswer | null;
  /** the operation stored this answer for the key itself, with its own write */
  saved?: boolean;
}

/** Where a feed write's answer is kept: an operation may read and write it in its own statements. */
export interface AnswerSlot {
  warehouseId: number;
  scope: string;
  key: string;
  requestHash: string;
}

/**
 * Idempotency of the feed's writes, the same for every one: a key is scoped to the warehouse,
 * the operation and the resource in its path. The same key with the same request answers the
 * stored result (replayed); with a different request it is a 422 `idempotency_key_reused`.
 * Only successes are stored: a refused request can be corrected and sent again with its key.
 *
 * `selfIdempotent` is for an operation that itself does nothing twice for the key, checks that
 * before anything else, and says so (`repeated`): it runs first, and the stored answer is read
 * only when it repeated, so a first request costs one statement here (the insert), not two.
 * `run` is handed the key's slot: an operation that reads the stored answer with its own reads
 * (`stored`) and writes its answer with its own write (`saved`) costs no statement here at all.
 */
export async function runIdempotent<T>(
  deps: { db: Db },
  input: { who: FeedPrincipal; scope: string; key: string; request: unknown; selfIdempotent?: boolean },
  run: (slot: AnswerSlot) => Promise<FreshAnswer<T>>,
): Promise<IdempotentAnswer<T>> {
  const repo = createFeedIdempotencyRepo(deps.db);
  const requestHash = createHash('sha256')
    .update(JSON.stringify(canonical(input.request)))
    .digest('hex');
  const find = () => repo.find(input.who.shopId, input.who.warehouseId, input.scope, input.key);
  const replay = (stored: StoredAnswer): IdempotentAnswer<T> => {
    if (stored.requestHash !== requestHash) {
      throw new ValidationError(
        'This Idempotency-Key was used with a different request',
        [{ path: 'idempotency-key', message: 'send a new key for a new request' }],
        'idempotency_key_reused',
        422,
      );
    }
    return { statusCode: stored.statusCode, body: stored.response as T, replayed: true };
  };
  if (!input.selfIdempotent) {
    const stored = await find();
    if (stored) return replay(stored);
  }
  const slot = { warehouseId: input.who.warehouseId, scope: input.scope, key: input.key, requestHash };
  const { repeated, stored: storedByRun, saved, ...fresh } = await run(slot);
  if (input.selfIdempotent && repeated) {
    const stored = storedByRun === undefined ? await find() : storedByRun;
    if (stored) return replay(stored);
  }
  if (saved) return { ...fresh, replayed: false };
  // a repeat with nothing stored (the first answer's save was lost, or has expired) is answered as it stands
  await repo.save(input.who.shopId, input.who.warehouseId, input.scope, input.key, {
    requestHash,
    statusCode: fresh.statusCode,
    response: fresh.body,
  });
  return { ...fresh, replayed: false };
}
