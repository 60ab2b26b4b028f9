import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { withRunLock } from '../core/queue/run-lock.js';
import type { AppContext } from '../core/context.js';
import { AppError, RateLimitedError } from '../core/errors.js';
import type { QueueName } from '../core/queue/names.js';
import { payloadSchemas, type JobPayload } from '../core/queue/payloads.js';

/** A queue processor: parse the payload, call one use case, let the error say whether to retry. */
export interface ProcessorDef<N extends QueueName> {
  concurrency: number;
  /** `token` is the worker's lock on the job, for moving it back to delayed */
  process(ctx: AppContext, payload: JobPayload<N>, job: Job, token?: string): Promise<unknown>;
}

/** How many times a job may wait for a rate limit before the waits count as failed attempts. */
const MAX_RATE_WAITS = 50;

/** Starts a BullMQ worker for one queue; non-retriable faults skip the remaining attempts. */
export function runWorker<N extends QueueName>(ctx: AppContext, name: N, def: ProcessorDef<N>): Worker {
  const worker = new Worker(
    name,
    async (job, token) => {
      const parsed = payloadSchemas[name].safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid ${name} payload: ${parsed.error.message}`);
      try {
        return await def.process(ctx, parsed.data as JobPayload<N>, job, token);
      } catch (err) {
        if (err instanceof AppError && !err.retriable) throw new UnrecoverableError(`${err.code}: ${err.message}`);
        // a rate limit or a call spacing says when to come back: wait that long without spending
        // an attempt (BullMQ's built-in exponential backoff would not read it), within a bound
        if (err instanceof RateLimitedError && token && job.attemptsStarted <= MAX_RATE_WAITS) {
          ctx.log.info(
            { queue: name, jobId: job.id, retryInMs: err.retryAfterMs, reason: err.message },
            'job waits for its rate limit',
          );
          await job.moveToDelayed(Date.now() + Math.max(100, err.retryAfterMs), token);
          throw new DelayedError();
        }
        throw err;
      }
    },
    {
      connection: ctx.workerRedis(),
      prefix: ctx.config.redis.prefix,
      concurrency: def.concurrency,
      // an idle worker re-polls when its blocking wait ends: every 10 s (the longest wait BullMQ
      // deems safe across reconnections) rather than the default 5 s, half the idle Redis round
      // trips of a dozen queues; a new or due job still wakes it at once through the queue's marker
      drainDelay: 10,
    },
  );
  worker.on('failed', (job, err) =>
    ctx.log.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'),
  );
  worker.on('error', (err) => ctx.log.error({ queue: name, err: err.message }, 'worker error'));
  return worker;
}

/**
 * Runs `fn` as the only holder of `key` across every process (see withRunLock). A job that finds
 * the key taken waits its turn: it goes back to delayed for `retryMs`, its attempts untouched,
 * and runs again then.
 */
export async function runInTurn<T>(
  ctx: AppContext,
  job: Job,
  token: string | undefined,
  lease: { key: string; ttlMs: number; spacingMs?: number; retryMs: number },
  fn: () => Promise<T>,
): Promise<T> {
  const run = await withRunLock(ctx.redis, lease.key, { ttlMs: lease.ttlMs, spacingMs: lease.spacingMs }, fn);
  if (!run.busy) return run.value;
  if (!token) throw new Error(`${lease.key} is held elsewhere and job ${job.id} has no lock token to wait with`);
  await job.moveToDelayed(Date.now() + lease.retryMs, token);
  throw new DelayedError();
}
