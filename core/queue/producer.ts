import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { queueNames, type QueueName } from './names.js';
import { payloadSchemas, type JobPayload } from './payloads.js';

export interface QueueOptions {
  connection: Redis;
  prefix: string;
  /** where a failed enqueue is reported, with its job id */
  log: Logger;
}

const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000, age: 3600 },
  removeOnFail: { count: 5000 },
};

/** Producers for every queue. Payloads are validated before they reach Redis. */
export function createQueues({ connection, prefix, log }: QueueOptions) {
  const queues = new Map<QueueName, Queue>();
  const queue = (name: QueueName): Queue => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix, defaultJobOptions });
      // connection errors surface on the calls that fail; the event would only add noise
      q.on('error', () => {});
      queues.set(name, q);
    }
    return q;
  };

  /** Adds a batch as one call and throws when Redis does; for producers that handle the failure themselves. */
  async function addBulk<N extends QueueName>(
    name: N,
    jobs: { payload: JobPayload<N>; jobId: string }[],
    opts: Omit<JobsOptions, 'jobId'> = {},
  ) {
    if (jobs.length === 0) return [];
    return queue(name).addBulk(
      jobs.map((j) => ({ name, data: payloadSchemas[name].parse(j.payload), opts: { ...opts, jobId: j.jobId } })),
    );
  }

  // job ids this process added for a window still open, with the instant their job runs
  const windowJobs = new Map<string, number>();

  async function enqueue<N extends QueueName>(
    name: N,
    payload: JobPayload<N>,
    jobId: string,
    opts: Omit<JobsOptions, 'jobId'> = {},
  ): Promise<boolean> {
    try {
      await queue(name).add(name, payloadSchemas[name].parse(payload), { ...opts, jobId });
      return true;
    } catch (err) {
      log.warn(
        { queue: name, jobId, err: (err as Error).message },
        'enqueue failed; the sweeper will queue this work again from Postgres',
      );
      return false;
    }
  }

  return {
    queue,
    /** Adds one job and throws when Redis does. App code goes through the named producers (producers.ts). */
    async add<N extends QueueName>(name: N, payload: JobPayload<N>, opts: JobsOptions & { jobId: string }) {
      return queue(name).add(name, payloadSchemas[name].parse(payload), opts);
    },
    addBulk,
    /**
     * Adds one job after the work it stands for is committed in Postgres. A failure is logged with
     * the job id and answered `false`; it is not thrown, because the sweeper finds the work again
     * from Postgres (sweep-inbox, sweep-work) and queues it then.
     */
    enqueue,
    /**
     * A wake-up for work gathered in Postgres (`stock_dirty`, say), one job per window that runs
     * when the window closes (`runAt`). Whatever was committed before this call is read by that
     * job, since it starts after `runAt`; so once this process has added the window's job, a
     * further call in the same window needs no round trip to Redis and is answered at once.
     */
    async enqueueWindow<N extends QueueName>(
      name: N,
      payload: JobPayload<N>,
      jobId: string,
      runAt: number,
      now = Date.now(),
    ): Promise<boolean> {
      const key = `${name}:${jobId}`;
      if ((windowJobs.get(key) ?? 0) > now) return true;
      for (const [k, at] of windowJobs) if (at <= now) windowJobs.delete(k);
      const ok = await enqueue(name, payload, jobId, { delay: Math.max(0, runAt - now) });
      if (ok) windowJobs.set(key, runAt);
      return ok;
    },
    /** The bulk form of `enqueue`, one addBulk call: logs the failed batch's job ids and answers `false`. */
    async enqueueBulk<N extends QueueName>(
      name: N,
      jobs: { payload: JobPayload<N>; jobId: string }[],
      opts: Omit<JobsOptions, 'jobId'> = {},
    ): Promise<boolean> {
      if (jobs.length === 0) return true;
      try {
        await addBulk(name, jobs, opts);
        return true;
      } catch (err) {
        log.warn(
          { queue: name, jobIds: jobs.map((j) => j.jobId), err: (err as Error).message },
          'enqueue failed; the sweeper will queue this work again from Postgres',
        );
        return false;
      }
    },
    /**
     * The sweepers' form of `enqueueBulk`. BullMQ ignores an add whose id is already kept, so a job
     * kept as failed under the same id (its retries ran out during an outage) is retried with its
     * attempts counted afresh instead; a live job is left as it is. Failures are logged per job id.
     */
    async requeueBulk<N extends QueueName>(
      name: N,
      jobs: { payload: JobPayload<N>; jobId: string }[],
    ): Promise<boolean> {
      if (jobs.length === 0) return true;
      let ok = true;
      const fresh: typeof jobs = [];
      for (const j of jobs) {
        try {
          const kept = await queue(name).getJob(j.jobId);
          if (!kept) fresh.push(j);
          else if (await kept.isFailed())
            await kept.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        } catch (err) {
          ok = false;
          log.warn(
            { queue: name, jobId: j.jobId, err: (err as Error).message },
            'requeue failed; the next sweep will try again',
          );
        }
      }
      try {
        await addBulk(name, fresh);
      } catch (err) {
        log.warn(
          { queue: name, jobIds: fresh.map((j) => j.jobId), err: (err as Error).message },
          'enqueue failed; the sweeper will queue this work again from Postgres',
        );
        return false;
      }
      return ok;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
    names: queueNames,
  };
}

export type Queues = ReturnType<typeof createQueues>;
