import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { queueNames, type QueueName } from './names.js';
import { jobIds, payloadSchemas, type JobPayload } from './payloads.js';

export interface QueueOptions {
  connection: Redis;
  prefix: string;
}

const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000, age: 3600 },
  removeOnFail: { count: 5000 },
};

/** Producers for every queue. Payloads are validated before they reach Redis. */
export function createQueues({ connection, prefix }: QueueOptions) {
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

  function defaultJobId<N extends QueueName>(name: N, payload: JobPayload<N>): string | undefined {
    const build = (jobIds as Partial<Record<QueueName, (p: never) => string>>)[name];
    return build ? build(payload as never) : undefined;
  }

  return {
    queue,
    async add<N extends QueueName>(name: N, payload: JobPayload<N>, opts: JobsOptions = {}) {
      const data = payloadSchemas[name].parse(payload);
      return queue(name).add(name, data, { jobId: defaultJobId(name, payload), ...opts });
    },
    async addBulk<N extends QueueName>(name: N, payloads: JobPayload<N>[], opts: JobsOptions = {}) {
      if (payloads.length === 0) return [];
      return queue(name).addBulk(
        payloads.map((p) => ({ name, data: payloadSchemas[name].parse(p), opts: { jobId: defaultJobId(name, p), ...opts } })),
      );
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
    names: queueNames,
  };
}

export type Queues = ReturnType<typeof createQueues>;
