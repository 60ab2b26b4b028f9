import type { Db } from '../../db/client.js';
import type { RoutingRule } from '../../domain/routing/index.js';
import { loadReplayInput, type ReplayRequest } from './replay-input.js';
import { runReplay } from './replay-pool.js';
import type { ReplayOutput } from './replay-rules.js';

export type { RuleSetMetrics } from './replay-rules.js';

export interface SimulationResult extends Omit<ReplayOutput, 'replayed'> {
  days: number;
  orders: number;
  /** which orders were replayed: the most recent `limit` of the window, placed from `from` to `to` */
  replayed: { selection: 'most_recent'; limit: number; from: string | null; to: string | null; windowCapped: boolean };
}

export const MAX_REPLAYED_ORDERS = 3000;

/**
 * "Try on past orders": replays the most recent orders of the last `days` (at most
 * MAX_REPLAYED_ORDERS, in the order they were placed) through the current and the draft rules, and
 * reports what would change and which orders it looked at. The replay runs in a worker thread; on
 * Postgres (`databaseUrl`) the worker also does the reads, so a large shop's replay never stalls
 * other requests. Nothing is saved. The admin runs it as a `simulate` job (simulation-jobs.ts).
 */
export async function simulateRules(
  deps: { db: Db; databaseUrl?: string; onProgress?: (done: number) => void },
  input: { shopId: number; draft: RoutingRule[]; days: number; now: Date; limit?: number },
): Promise<SimulationResult> {
  const limit = input.limit ?? MAX_REPLAYED_ORDERS;
  const request: ReplayRequest = {
    shopId: input.shopId,
    draft: input.draft,
    since: new Date(input.now.getTime() - input.days * 86_400_000),
    limit,
  };
  const { replayed, ...output } = await runReplay(
    deps.databaseUrl ? { databaseUrl: deps.databaseUrl, request } : { data: await loadReplayInput(deps.db, request) },
    deps.onProgress,
  );
  return {
    days: input.days,
    orders: replayed.orders,
    ...output,
    replayed: {
      selection: 'most_recent',
      limit,
      from: replayed.from,
      to: replayed.to,
      windowCapped: replayed.orders >= limit,
    },
  };
}
