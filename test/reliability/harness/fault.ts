import { runArrivals } from '../../../bench/e2e/workload.js';
import type { Criterion } from './checks.js';
import type { Stack } from './stack.js';

/** What a fault hands back: the orders it placed (the global criteria check them) and its own criteria. */
export interface FaultRun {
  gids: string[];
  criteria: Criterion[];
}

export interface Fault {
  id: string;
  title: string;
  /** part of the short run inside `npm test` */
  short: boolean;
  run(stack: Stack, scale: number): Promise<FaultRun>;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Open-loop flash-sale arrivals (80% of lines on the hot SKUs) for `seconds` at `rate` orders a
 * second, with `during` run once `atMs` into the burst: the fault lands mid-burst.
 */
export async function burstWith(
  stack: Stack,
  opts: { rate: number; seconds: number; seed: number; atMs?: number },
  during?: () => Promise<void>,
): Promise<string[]> {
  const arrivals = runArrivals(stack.sim, opts.rate, opts.seconds, opts.seed);
  if (during) {
    await sleep(opts.atMs ?? (opts.seconds * 1000) / 2);
    await during();
  }
  return (await arrivals).map((p) => p.gid);
}

export const criterion = (name: string, passed: boolean, detail: string): Criterion => ({ name, passed, detail });
