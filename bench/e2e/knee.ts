import { note } from '../lib/args.js';
import type { Harness } from './harness.js';
import { ackStats, pct, unsettled } from './measure.js';
import { runArrivals } from './workload.js';

/** Waits until `left()` answers 0, or `timeoutMs` passes; true when it drained. */
export async function drain(left: () => Promise<number>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await left()) === 0) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/**
 * W3: raise the arrival rate step by step (Shopify orders only) until acks slow past 1 s or the
 * backlog keeps growing.
 */
export async function knee(h: Harness, stepSeconds: number): Promise<number | null> {
  let lastGood: number | null = null;
  for (const rate of [10, 20, 40, 80, 160, 320]) {
    const placed = await runArrivals(h.sim, rate, stepSeconds, rate);
    await new Promise((r) => setTimeout(r, 2000));
    const p99 = pct(ackStats(h.sim, placed).ackMs, 99) ?? Infinity;
    const backlog = await unsettled(h.database, placed);
    note(`knee step ${rate}/s: ack p99 ${p99} ms, ${backlog} orders not yet in the feed 2 s after the step`);
    if (p99 > 1000 || backlog > rate * 2) break;
    lastGood = rate;
    await drain(() => unsettled(h.database, placed), 30_000);
  }
  return lastGood;
}
