import { randomBytes } from 'node:crypto';
import type { TokenCipher } from '../../crypto/token-cipher.js';
import type { Db } from '../../db/client.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import {
  createFeedWebhooksRepo,
  type FeedWebhookEventType,
  type WebhookSubscriptionRow,
} from '../../db/feed-webhooks-repo.js';
import { NotFoundError, ValidationError } from '../../errors.js';

export interface WebhookSubscription {
  url: string;
  events: FeedWebhookEventType[];
  /** the signing secret, only when it was just created or rotated */
  secret?: string;
  createdAt: Date;
  updatedAt: Date;
}

const view = (row: WebhookSubscriptionRow, secret?: string): WebhookSubscription => ({
  url: row.url,
  events: row.events,
  ...(secret ? { secret } : {}),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** A Standard Webhooks secret: `whsec_` and base64 of 32 random bytes. */
const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export async function getWebhookSubscription(
  deps: { db: Db },
  input: { who: FeedPrincipal },
): Promise<WebhookSubscription> {
  const row = await createFeedWebhooksRepo(deps.db).get(input.who.shopId, input.who.warehouseId);
  if (!row) throw new NotFoundError('webhook subscription');
  return view(row);
}

/** Creates or changes the warehouse's one subscription; the secret is made on creation or on request. */
export async function putWebhookSubscription(
  deps: { db: Db; cipher: TokenCipher; requireHttps?: boolean },
  input: { who: FeedPrincipal; url: string; events: FeedWebhookEventType[]; rotateSecret: boolean },
): Promise<WebhookSubscription> {
  if (deps.requireHttps && !input.url.startsWith('https://'))
    throw new ValidationError(
      'the URL must use https',
      [{ path: 'body.url', message: 'use an https:// URL' }],
      'invalid_request',
      400,
    );
  const repo = createFeedWebhooksRepo(deps.db);
  const existing = await repo.get(input.who.shopId, input.who.warehouseId);
  const secret = !existing || input.rotateSecret ? newSecret() : undefined;
  const row = await repo.upsert(input.who.shopId, input.who.warehouseId, {
    url: input.url,
    events: [...new Set(input.events)],
    ...(secret ? { secretEnc: deps.cipher.encrypt(secret) } : {}),
  });
  return view(row, secret);
}

export async function deleteWebhookSubscription(deps: { db: Db }, input: { who: FeedPrincipal }): Promise<void> {
  if (!(await createFeedWebhooksRepo(deps.db).remove(input.who.shopId, input.who.warehouseId)))
    throw new NotFoundError('webhook subscription');
}
