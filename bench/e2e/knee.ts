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
 * W3: raise the arrival rate step by step (Shopify orders only), doubling it, until acks slow past
 * 1 s or the backlog keeps growing; then halve the gap between the last good step and the first
 * bad one twice (to 10 orders/s at the finest), so the knee is known closer than a factor of two.
 */
export async function knee(h: Harness, stepSeconds: number): Promise<number | null> {
  const holds = async (rate: number): Promise<boolean> => {
    const placed = await runArrivals(h.sim, rate, stepSeconds, rate);
    await new Promise((r) => setTimeout(r, 2000));
    const p99 = pct(ackStats(h.sim, placed).ackMs, 99) ?? Infinity;
    const backlog = await unsettled(h.database, placed);
    note(`knee step ${rate}/s: ack p99 ${p99} ms, ${backlog} orders not yet in the feed 2 s after the step`);
    // the next step starts from an empty pipeline, after a bad step too
    const drained = await drain(() => unsettled(h.database, placed), 60_000);
    if (!drained) note(`knee step ${rate}/s: the backlog did not drain in 60 s`);
    return p99 <= 1000 && backlog <= rate * 2;
  };
  let lastGood: number | null = null;
  let firstBad: number | null = null;
  for (const rate of [10, 20, 40, 80, 160, 320]) {
    if (!(await holds(rate))) {
      firstBad = rate;
      break;
    }
    lastGood = rate;
  }
  for (let i = 0; i < 2 && lastGood !== null && firstBad !== null && firstBad - lastGood > 10; i++) {
    const mid = Math.round((lastGood + firstBad) / 20) * 10;
    if (await holds(mid)) lastGood = mid;
    else firstBad = mid;
  }
  return lastGood;
}
