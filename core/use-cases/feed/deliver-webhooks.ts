import type { TokenCipher } from '../../crypto/token-cipher.js';
import type { Db } from '../../db/client.js';
import { createFeedWebhooksRepo, type ClaimedDelivery } from '../../db/feed-webhooks-repo.js';
import { postJson, type PushNetPolicy } from '../../integrations/warehouses/push-client.js';
import { signStandardWebhook } from '../../integrations/warehouses/standard-webhooks.js';
import type { Logger } from '../../logger.js';

/** Waits before attempts 2, 3, …: about a day in all, then the delivery is marked failed. */
export const webhookBackoffMs = [
  5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000,
] as const;

export interface DeliverWebhooksDeps {
  db: Db;
  cipher: TokenCipher;
  log: Logger;
  now?: () => Date;
  backoffMs?: readonly number[];
  timeoutMs?: number;
  /** where a 3PL's subscription URL may point; without it, public https hosts only */
  net?: PushNetPolicy;
}

async function send(d: ClaimedDelivery, deps: DeliverWebhooksDeps, at: Date): Promise<string | null> {
  const body = JSON.stringify(d.payload);
  const headers = signStandardWebhook(deps.cipher.decrypt(d.secretEnc), d.messageId, at, body);
  // the same guard as pushes to a 3PL's API: the address is checked on every connection, no
  // redirect is followed, and the reason kept (shown to the 3PL) says nothing about our network
  const answer = await postJson(
    new URL(d.url),
    { 'content-type': 'application/json', ...headers },
    body,
    deps.net ?? { allowPrivateNetwork: false, requireHttps: true },
    deps.timeoutMs ?? 10_000,
  );
  if (answer.kind === 'answer') return answer.status >= 200 && answer.status < 300 ? null : `answered ${answer.status}`;
  if (answer.kind === 'insecure') return 'the URL must use https';
  if (answer.kind === 'blocked') return 'the URL resolves to an address that is not allowed';
  if (answer.kind === 'redirect') return 'answered with a redirect, which is not followed';
  return 'could not be reached';
}

/**
 * Sends the due webhook deliveries once each: claimed in one statement and committed before any
 * HTTP call, signed with Standard Webhooks headers, then marked delivered or given their next
 * attempt with backoff (failed once the schedule runs out). Answers how many it attempted.
 */
export async function deliverDueWebhooks(deps: DeliverWebhooksDeps, input: { limit: number }): Promise<number> {
  const now = deps.now ?? (() => new Date());
  const backoff = deps.backoffMs ?? webhookBackoffMs;
  const repo = createFeedWebhooksRepo(deps.db);
  const claimed = await repo.claimDue(now(), input.limit, (deps.timeoutMs ?? 10_000) * 3);
  await Promise.all(
    claimed.map(async (d) => {
      const error = await send(d, deps, now());
      if (!error) return repo.delivered(d.id, now());
      const wait = backoff[d.attempts - 1];
      deps.log.warn(
        { deliveryId: d.id, messageId: d.messageId, attempt: d.attempts, error },
        wait === undefined ? 'feed webhook failed for good' : 'feed webhook failed, will retry',
      );
      return repo.failed(d.id, error, wait === undefined ? null : new Date(now().getTime() + wait));
    }),
  );
  return claimed.length;
}

/** When the delivery loop has work next: the earliest pending delivery's due time, null when none is pending. */
export function nextWebhookDueAt(deps: Pick<DeliverWebhooksDeps, 'db'>): Promise<Date | null> {
  return createFeedWebhooksRepo(deps.db).nextDueAt();
}
