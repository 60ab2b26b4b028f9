import { ZodError } from 'zod';
import type { Db } from '../db/client.js';
import { findUnstorableText, jsonMayHoldUnstorable } from '../contracts/storable-text.js';
import { errorSummary } from '../error-summary.js';
import { createInboxRepo, type InboxEvent } from '../db/inbox-repo.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { AppError, ValidationError } from '../errors.js';
import { parseJsonKeepingBigInts } from '../integrations/shopify/safe-json.js';
import type { FeedAuthVersion } from '../feed-auth-version.js';
import type { Logger } from '../logger.js';
import type { Queues } from '../queue/producer.js';
import { topicHandlers } from './ingest/topics.js';
import { runFollowUps, type RouteNow } from './ingest/run-follow-ups.js';
import type { FollowUp, HandlerContext, TopicHandler } from './ingest/types.js';

export interface IngestDeps {
  db: Db;
  queues: Queues;
  log: Logger;
  /** topic → handler; tests and later channels extend it */
  handlers?: Record<string, TopicHandler>;
  /**
   * For the customer e-mails an event decides; without it (some tests) the app is taken as unable
   * to send, so Shopify stays the customers' one sender.
   */
  email?: HandlerContext['email'];
  /** bumped after an event that takes 3PL keys' access away has committed */
  feedAuth: Pick<FeedAuthVersion, 'bump'>;
  /** routes an order version here instead of queueing its run (run-follow-ups.ts) */
  routeNow?: RouteNow;
}

export interface IngestInput {
  inboxId: number;
  /** the row, when the caller has just read it pending (a batch reads its rows in one statement) */
  loaded?: InboxEvent;
  /** true on the job's last allowed attempt: a failure then parks the event as a dead letter */
  finalAttempt: boolean;
}

export type IngestResult =
  { status: 'processed'; outcome: string } | { status: 'skipped'; reason: string } | { status: 'dead'; error: string };

/** The dead-letter reason of events for shops that never installed the app; pruneInbox keeps them briefly. */
export const UNKNOWN_SHOP = 'unknown shop';
const privacyTopics = new Set(['customers/redact', 'shop/redact', 'customers/data_request']);

/** Poison (bad JSON, wrong shape, unknown topic) is parked at once; retrying cannot fix it. */
function isPoison(err: unknown): boolean {
  return (
    err instanceof SyntaxError ||
    err instanceof ZodError ||
    err instanceof ValidationError ||
    (err instanceof AppError && !err.retriable)
  );
}

/**
 * Applies one inbox event: its effects and the "processed" mark commit together, so a crash
 * or a duplicate job can never apply it twice. Follow-up work starts after the commit.
 */
export async function ingestEvent(deps: IngestDeps, input: IngestInput): Promise<IngestResult> {
  const inbox = createInboxRepo(deps.db);
  const event = input.loaded ?? (await inbox.get(input.inboxId));
  if (!event) return { status: 'skipped', reason: 'no such inbox event' };
  if (event.status !== 'pending') return { status: 'skipped', reason: `already ${event.status}` };

  const handler = (deps.handlers ?? topicHandlers)[event.topic];
  let followUps: FollowUp[] = [];
  let feedAccessChanged = false;
  try {
    if (!handler) throw new ValidationError(`unknown topic ${event.topic}`);
    const payload = parseJsonKeepingBigInts(event.body);
    const unstorableAt = jsonMayHoldUnstorable(event.body) ? findUnstorableText(payload) : null;
    if (unstorableAt)
      throw new ValidationError(`payload shape: ${unstorableAt.join('.')} holds a NUL character or a lone surrogate`);
    const shop = await createShopsRepo(deps.db).byDomain(event.shopDomain);
    const outcome = await deps.db.transaction(async (tx) => {
      if (!shop) {
        // never installed here: nothing of the shop is held, so a privacy request is done; anything else is parked briefly
        if (privacyTopics.has(event.topic)) {
          await createInboxRepo(tx).markProcessed(event.id, null);
          return 'nothing held for an unknown shop';
        }
        throw new ValidationError(UNKNOWN_SHOP);
      }
      const result = await handler(tx, shop, payload, event, {
        email: deps.email ?? { appUrl: undefined, appCanSend: false },
      });
      await createInboxRepo(tx).markProcessed(event.id, shop.id);
      followUps = result.followUps ?? [];
      feedAccessChanged = result.feedAccessChanged === true;
      return result.outcome;
    });
    if (feedAccessChanged) await bumpFeedAuth(deps, event.shopDomain);
    await runFollowUps(deps, followUps);
    return { status: 'processed', outcome };
  } catch (err) {
    const message =
      err instanceof ZodError
        ? `payload shape: ${err.issues
            .slice(0, 3)
            .map((i) => `${i.path.join('.')} ${i.message}`)
            .join('; ')}`
        : errorSummary(err);
    const dead = isPoison(err) || input.finalAttempt;
    await inbox.recordFailure(event.id, message, dead);
    if (dead) {
      deps.log.warn(
        { inboxId: event.id, topic: event.topic, shopDomain: event.shopDomain, err: message },
        message === UNKNOWN_SHOP ? 'webhook for an unknown shop parked' : 'event parked as a dead letter',
      );
      return { status: 'dead', error: message };
    }
    throw err;
  }
}

/**
 * The event is processed whatever happens here, so a failed bump is not the event's failure: it
 * is logged as an error, and the feed's key checks still go back to Postgres within their trust
 * window (feed-key-check.ts).
 */
async function bumpFeedAuth(deps: IngestDeps, shopDomain: string): Promise<void> {
  try {
    await deps.feedAuth.bump();
  } catch (err) {
    deps.log.error(
      { shopDomain, err: errorSummary(err) },
      'feed auth version not bumped: cached 3PL key checks may trust this shop for a few more seconds',
    );
  }
}
