import type { DbOrTx } from '../../db/client.js';
import { createFeedKeysRepo, type FeedPrincipal } from '../../db/feed-keys-repo.js';

/** The key's last use is written at most this often per process (the repository also keeps it to one a minute). */
const TOUCH_EVERY_MS = 60_000;

/**
 * Feed keys as the feed checks them on every request. Verifying stays a read of Postgres, so a
 * revoked key, a deactivated warehouse or an uninstalled shop is refused at the next request; the
 * "last used" write, which a busy 3PL would otherwise attempt on every request, is skipped while
 * this process wrote it in the last minute.
 */
export function createFeedKeyCheck(db: DbOrTx) {
  const repo = createFeedKeysRepo(db);
  const touched = new Map<number, number>();
  return {
    verify: (key: string): Promise<FeedPrincipal | null> => repo.verify(key),
    async touch(keyId: number, now = Date.now()): Promise<void> {
      if (now - (touched.get(keyId) ?? 0) < TOUCH_EVERY_MS) return;
      if (touched.size > 10_000) touched.clear();
      touched.set(keyId, now);
      await repo.touch(keyId);
    },
  };
}
