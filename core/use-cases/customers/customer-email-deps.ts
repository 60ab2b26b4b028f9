import type { Logger } from '../../logger.js';
import type { Queues } from '../../queue/producer.js';

/** What a use case needs to decide customer e-mails alongside its own change. */
export interface CustomerEmailDeps {
  /** the app's public origin, for tracking page links */
  appUrl: string | undefined;
  /** an SMTP server is configured */
  appCanSend: boolean;
  queues: Queues;
  log: Logger;
}
