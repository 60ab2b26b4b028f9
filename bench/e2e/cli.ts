import { sql } from 'drizzle-orm';
import { note, numberArg, parseArgs } from '../lib/args.js';
import { startHarness, type Harness } from './harness.js';
import { ackStats, ledger, pct, unsettled } from './measure.js';
import { runArrivals, type Placed } from './workload.js';

async function drain(h: Harness, placed: Placed[], timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await unsettled(h.database, placed)) === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** W3: raise the arrival rate step by step until acks slow past 1 s or the backlog keeps growing. */
async function knee(h: Harness, stepSeconds: number): Promise<number | null> {
  let lastGood: number | null = null;
  for (const rate of [10, 20, 40, 80, 160, 320]) {
    const placed = await runArrivals(h.sim, rate, stepSeconds, rate);
    await new Promise((r) => setTimeout(r, 2000));
    const p99 = pct(ackStats(h.sim, placed).ackMs, 99) ?? Infinity;
    const backlog = await unsettled(h.database, placed);
    note(`knee step ${rate}/s: ack p99 ${p99} ms, ${backlog} orders not yet in the feed 2 s after the step`);
    if (p99 > 1000 || backlog > rate * 2) break;
    lastGood = rate;
    await drain(h, placed, 30_000);
  }
  return lastGood;
}

/**
 * `npm run bench -- e2e --json [--seconds N]`: W2 flash sale (1,000 orders/min on one shop, 3 hot
 * SKUs selling out) through the simulators, then, on runs of a minute or more, the W3 knee.
 */
export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const seconds = numberArg(args, 'seconds', 120);
  const perMinute = numberArg(args, 'rate', 1000);
  const h = await startHarness({ hotStockPerLocation: Math.round(((perMinute / 60) * seconds * 0.8 * 0.6) / 3) });
  try {
    note(`W2 flash sale: ${perMinute} orders/min for ${seconds} s`);
    const placed = await runArrivals(h.sim, perMinute / 60, seconds);
    await h.sim.waitForIdleWebhooks(60_000).catch(() => {});
    await drain(h, placed, 60_000);
    // let the robots ship what they took, and the tracking go back
    await new Promise((r) => setTimeout(r, 3000));
    const { ackMs } = ackStats(h.sim, placed);
    const m = await ledger(h.database, h.sim, placed);
    const log = h.sim.requestLog({ shop: 'flash-sale.myshopify.com' });
    const calls = log.length;
    const byOp = new Map<string, number>();
    for (const r of log)
      byOp.set(`${r.operationName}:${r.outcome}`, (byOp.get(`${r.operationName}:${r.outcome}`) ?? 0) + 1);
    note(`Shopify calls by operation: ${JSON.stringify(Object.fromEntries(byOp))}`);
    const [stages] = await h.database.query<Record<string, number>>(sql`
      select percentile_cont(0.5) within group (order by extract(epoch from (i.received_at - o.placed_at))) as inbox_p50,
             percentile_cont(0.5) within group (order by extract(epoch from (a.created_at - i.received_at))) as routed_p50,
             percentile_cont(0.5) within group (order by extract(epoch from (a.dispatched_at - a.created_at))) as dispatched_p50
      from orders o join allocations a on a.order_id = o.id
      join lateral (select min(received_at) as received_at from inbox_events ie where ie.topic = 'orders/create' and ie.body like '%' || o.external_id || '%') i on true`);
    note(`stage medians (s): ${JSON.stringify(stages)}`);
    const topics = await h.database.query<{ topic: string; n: number }>(
      sql`select topic, count(*)::int as n from inbox_events group by 1 order by 2 desc`,
    );
    note(`inbox by topic: ${topics.map((t) => `${t.topic}=${t.n}`).join(' ')}`);
    const [routed] = await h.database.query<{ n: number }>(
      sql`select count(distinct order_id)::int as n from allocations`,
    );
    note(
      `ledger ${JSON.stringify(m.ledger)}; ${calls} Shopify GraphQL calls for ${Number(routed?.n ?? 0)} routed orders`,
    );
    const kneeRate = seconds >= 60 && args.has('knee') ? await knee(h, Math.min(30, Math.round(seconds / 4))) : null;
    const out = {
      workload: 'W2-flash-sale',
      orders: placed.length,
      ledger: m.ledger,
      latency_ms: {
        ack_p99: pct(ackMs, 99),
        dispatch_p50: pct(m.dispatchMs, 50),
        dispatch_p99: pct(m.dispatchMs, 99),
        feed_pickup_p50: pct(m.pickupMs, 50),
        feed_pickup_p99: pct(m.pickupMs, 99),
        tracking_p99: pct(m.trackingMs, 99),
      },
      knee_orders_per_s: kneeRate,
      shopify_calls_per_routed_order:
        Number(routed?.n ?? 0) > 0 ? Math.round((calls / Number(routed!.n)) * 100) / 100 : null,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await h.close();
  }
}
