import type { Tx } from '../../db/client.js';
import type { InboxEvent } from '../../db/inbox-repo.js';
import type { Shop } from '../../db/shops-repo.js';
import type { QueueName } from '../../queue/names.js';
import type { JobPayload } from '../../queue/payloads.js';

/** Work to queue once the handler's transaction has committed. */
export type FollowUp = { [N in QueueName]: { queue: N; payload: JobPayload<N>; jobId: string } }[QueueName];

export interface HandlerResult {
  /** short machine-readable outcome, kept on the inbox row for the timeline */
  outcome: string;
  followUps?: FollowUp[];
  /** the change can take 3PL keys' access away (uninstall, shop redaction): cached key checks are bumped after the commit */
  feedAccessChanged?: boolean;
}

/** What a handler may need of the app beyond the transaction. */
export interface HandlerContext {
  /** for the customer e-mails a change decides (the app's public origin, and whether it can send) */
  email: { appUrl: string | undefined; appCanSend: boolean };
}

/** One topic's handler: runs inside the transaction that also marks the event processed. */
export type TopicHandler = (
  tx: Tx,
  shop: Shop,
  payload: unknown,
  event: InboxEvent,
  ctx: HandlerContext,
) => Promise<HandlerResult>;
