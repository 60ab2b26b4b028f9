import { sendOutboxEmail } from '../core/use-cases/customers/send-outbox-email.js';
import type { ProcessorDef } from './run-worker.js';

/** Sends outbox e-mails over SMTP; a temporary refusal is retried with the worker's backoff. */
export const emailProcessor: ProcessorDef<'email'> = {
  concurrency: 4,
  async process(ctx, payload) {
    return sendOutboxEmail(
      {
        db: ctx.db,
        transport: ctx.mailer,
        from: ctx.config.email.from,
        maxAttempts: ctx.config.email.maxAttempts,
        log: ctx.log,
      },
      payload,
    );
  },
};
