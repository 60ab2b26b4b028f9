import { randomBytes } from 'node:crypto';
import type { RoutingRule } from '../../domain/routing/index.js';
import { requestRuleSimulation } from '../../queue/producers.js';
import type { Queues } from '../../queue/producer.js';
import type { SimulationResult } from './simulate-rules.js';

export type SimulationState = 'queued' | 'running' | 'done' | 'failed';

/** Where one "try on past orders" job stands; `result` once it is done. */
export interface SimulationStatus {
  id: string;
  state: SimulationState;
  /** the share of the replay done, 0 to 1 */
  progress: number;
  result: SimulationResult | null;
}

/**
 * Queues "try on past orders" as a `simulate` job and answers its id at once: the replay is seconds
 * of CPU at scale, so it runs in the workers (in their replay thread), and the admin polls
 * `readRuleSimulation`. A job rather than a thread of this server: the server keeps no state in
 * memory, so the poll may reach any instance, and BullMQ holds the progress and the result.
 */
export async function startRuleSimulation(
  deps: { queues: Queues },
  input: { shopId: number; rules: RoutingRule[]; days: number; now: Date },
): Promise<{ id: string }> {
  const id = await requestRuleSimulation(
    deps.queues,
    { shopId: input.shopId, rules: input.rules, days: input.days, now: input.now.getTime() },
    randomBytes(9).toString('base64url'),
  );
  return { id };
}

/** The job `id` of this shop, or null when there is none (unknown, expired, or another shop's). */
export async function readRuleSimulation(
  deps: { queues: Queues },
  input: { shopId: number; id: string },
): Promise<SimulationStatus | null> {
  const queue = deps.queues.queue('simulate');
  // the state before the job: read the other way round, a job that finished between the two reads
  // would say completed without its result
  const state = await queue.getJobState(input.id);
  const job = await queue.getJob(input.id);
  if (!job || (job.data as { shopId?: number }).shopId !== input.shopId) return null;
  const progress = typeof job.progress === 'number' ? Math.min(1, Math.max(0, job.progress)) : 0;
  if (state === 'completed')
    return { id: input.id, state: 'done', progress: 1, result: job.returnvalue as SimulationResult };
  return {
    id: input.id,
    state: state === 'failed' ? 'failed' : state === 'active' ? 'running' : 'queued',
    progress,
    result: null,
  };
}
