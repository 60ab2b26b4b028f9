import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { note, numberArg, parseArgs } from '../lib/args.js';
import { measureCeiling } from '../intake/load.js';
import { startHarness } from './harness.js';
import { pendingWork } from './counters.js';
import { drain, knee } from './knee.js';
import { describeLayout, parseLayout } from './layout.js';
import { marketplaceLedger, marketplaceUnsettled } from './market-ledger.js';
import { ackStats, ledger, pct, unsettled } from './measure.js';
import { measureWindow } from './window.js';
import { runArrivals, runMixedArrivals, type MarketPlaced, type Placed } from './workload.js';
import type { Harness } from './harness.js';

/**
 * One whole period of the once-a-minute work an idle app does (marketplace polls at the accounts'
 * pace, the reconciliation schedule): a 10 s window caught it in one run and missed it in the
 * next, and its few statements fell on Postgres's 10 ms CPU ticks or between them, so the same
 * code read 0.04 or 0.06 cores.
 */
const IDLE_MS = 60_000;
/**
 * A shop holding a flash sale has traded before: its tables hold rows and Postgres has
 * statistics on them (autovacuum analyzes a table within a minute of its first rows). The bench's
 * database starts empty, and a plan made on empty tables scans a whole shop's rows where an id
 * names one row. So a few seconds of orders go through first, the tables are analyzed, and
 * the measured window starts after.
 */
const WARMUP_SECONDS = 5;
const CEILING_SECONDS = 5;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * `npm run bench -- e2e --json [--seconds N] [--rate R] [--layout split|ingest=2,...] [--knee]`:
 * W2 flash sale (R orders/min on one shop, default 1,000, 3 hot SKUs selling out; one order in
 * ten placed on a marketplace) through the simulators, with what each order cost (CPU per part,
 * SQL statements, jobs), the idle cost after it, the machine's HMAC ceiling, and on runs of a
 * minute or more with --knee, the W3 knee.
 */
export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const seconds = numberArg(args, 'seconds', 120);
  const perMinute = numberArg(args, 'rate', 1000);
  const layout = parseLayout(args.get('layout'));
  const h = await startHarness({
    hotStockPerLocation: Math.round(((perMinute / 60) * (seconds + WARMUP_SECONDS) * 0.8 * 0.6) / 3),
    layout,
  });
  try {
    note(`app: ${describeLayout(layout)}; logs in ${h.logDir}`);
    const ceiling = await measureCeiling(CEILING_SECONDS);
    note(`HMAC-only ceiling: ${ceiling.rps} req/s`);
    await warmUp(h, perMinute / 60);
    note(`W2 flash sale: ${perMinute} orders/min for ${seconds} s, one in ten on a marketplace`);
    let placed: Placed[] = [];
    let market: MarketPlaced[] = [];
    // the window runs from the first order to the drained pipeline: every order's whole cost
    const cost = await measureWindow(h, async () => {
      ({ shopify: placed, marketplace: market } = await runMixedArrivals(
        h.sim,
        h.marketplaces,
        perMinute / 60,
        seconds,
      ));
      await h.sim
        .waitForIdleWebhooks(60_000)
        .catch((e: Error) => note(`webhooks still in flight after 60 s (${e.message}); the ledger will show it`));
      const drained = await drain(
        async () =>
          (await unsettled(h.database, placed)) + (await marketplaceUnsettled(h.database, h.marketplaces, market)),
        60_000,
      );
      if (!drained) note('the pipeline did not drain within 60 s; the ledger will show what is missing');
      // let the robots ship what they took, and the tracking go back
      await new Promise((r) => setTimeout(r, 3000));
    });
    const orders = placed.length + market.length;
    const { ackMs } = ackStats(h.sim, placed);
    const m = await ledger(h.database, h.sim, placed);
    const channels = await marketplaceLedger(h.database, h.marketplaces, market);
    note(`marketplaces: ${JSON.stringify(channels)}`);
    const log = h.sim.requestLog({ shop: 'flash-sale.myshopify.com' });
    const calls = log.length;
    const byOp = new Map<string, number>();
    for (const r of log)
      byOp.set(`${r.operationName}:${r.outcome}`, (byOp.get(`${r.operationName}:${r.outcome}`) ?? 0) + 1);
    note(`jobs added by queue: ${JSON.stringify(cost.jobsByQueue)}`);
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
      sql`select count(distinct a.order_id)::int as n from allocations a join orders o on o.id = a.order_id where o.channel = 'shopify'`,
    );
    note(
      `ledger ${JSON.stringify(m.ledger)}; ${calls} Shopify GraphQL calls for ${Number(routed?.n ?? 0)} routed Shopify orders`,
    );

    // idle: the same parts with no order coming in, after the drain, with the marketplaces read at
    // their accounts' own pace (once a minute) rather than the bench's
    await h.marketplaces.operatorPace();
    // the new schedule's first poll runs at once, and the run leaves trailing work (stock pushes
    // spaced out by the operators, syncs that waited for their lease): let both pass, a minute at
    // most, before the window opens; the sweepers' schedules are idle cost and stay in
    const settleFrom = Date.now();
    await new Promise((r) => setTimeout(r, 3000));
    await settle(h, 57_000);
    // the generator's heap from the run (request logs, placed orders) is collected now, not
    // counted as what an idle app costs
    collectGarbage();
    const mem = process.memoryUsage();
    note(`generator heap ${Math.round(mem.heapUsed / 2 ** 20)} MB used of ${Math.round(mem.heapTotal / 2 ** 20)} MB`);
    note(`idle window opens ${Math.round((Date.now() - settleFrom) / 1000)} s after the drain`);
    const idle = await measureWindow(h, () => new Promise((r) => setTimeout(r, IDLE_MS)));
    const idleCpu = idle.cpuMs.app + idle.cpuMs.postgres + idle.cpuMs.redis + idle.cpuMs.simulators;
    note(
      `idle ${IDLE_MS / 1000} s: ${JSON.stringify(idle.cpuMs)} ms of CPU, ${idle.sqlStatements} statements, ${idle.jobs} jobs ${JSON.stringify(idle.jobsByQueue)}`,
    );

    const kneeRate = seconds >= 60 && args.has('knee') ? await knee(h, Math.min(30, Math.round(seconds / 4))) : null;
    const per = (n: number) => (orders > 0 ? round(n / orders) : null);
    const totals = Object.values(channels);
    const all = {
      ...m.ledger,
      generated: m.ledger.generated + totals.reduce((s, c) => s + c.generated, 0),
      acknowledged: m.ledger.acknowledged + totals.reduce((s, c) => s + c.taken, 0),
      persisted: m.ledger.persisted + totals.reduce((s, c) => s + c.persisted, 0),
      dispatched: m.ledger.dispatched + totals.reduce((s, c) => s + c.dispatched, 0),
      backordered: m.ledger.backordered + totals.reduce((s, c) => s + c.backordered, 0),
      dead_lettered: m.ledger.dead_lettered + totals.reduce((s, c) => s + c.dead_lettered, 0),
    };
    all.balanced = m.ledger.balanced && totals.every((c) => c.balanced);
    const out = {
      workload: 'W2-flash-sale',
      orders,
      ledger: all,
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
      cpu_ms_per_order: {
        app: per(cost.cpuMs.app),
        postgres: per(cost.cpuMs.postgres),
        redis: per(cost.cpuMs.redis),
        simulators: per(cost.cpuMs.simulators),
      },
      app_cpu_ms_per_order_by_process: Object.fromEntries(
        Object.entries(cost.cpuMs.appByProcess).map(([name, ms]) => [name, per(ms)]),
      ),
      sql_statements_per_order: per(cost.sqlStatements),
      jobs_per_order: per(cost.jobs),
      idle_cores: round(idleCpu / idle.wallMs, 3),
      ceiling_rps: ceiling.rps,
      layout: describeLayout(layout),
      marketplaces: channels,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await h.close();
  }
}

/** Orders before the window (Shopify only, seeded apart from the window's), drained, then `analyze`. */
async function warmUp(h: Harness, ratePerSecond: number): Promise<void> {
  const warm = await runArrivals(h.sim, ratePerSecond, WARMUP_SECONDS, 7);
  const drained = await drain(() => unsettled(h.database, warm), 60_000);
  await h.sim.waitForIdleWebhooks(60_000).catch((e: Error) => note(`warm-up webhooks still in flight: ${e.message}`));
  // the robots ship within 0.3 s and scan on a compressed clock (delivered within ~8 s): their
  // pushes, and the stock work they wake, end before the window opens, so it counts none of it
  await new Promise((r) => setTimeout(r, 8000));
  await settle(h, 30_000);
  await h.database.query(sql`analyze`);
  note(`warm-up: ${warm.length} orders${drained ? '' : ' (not all in the feed after 60 s)'}, tables analyzed`);
}

/**
 * Work due within this is waited for before a window opens; a schedule further away (a marketplace
 * poll at the accounts' once-a-minute pace) is left to fall inside the idle window, as it would.
 */
const SETTLE_HORIZON_MS = 12_000;

/** Waits until no job but the sweepers' is queued or due soon, `maxMs` at most. */
async function settle(h: Harness, maxMs: number): Promise<void> {
  const from = Date.now();
  const redis = new Redis(h.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    while (
      Date.now() - from < maxMs &&
      (await pendingWork(redis, h.queuePrefix, SETTLE_HORIZON_MS, ['maintenance'])) > 0
    )
      await new Promise((r) => setTimeout(r, 500));
  } finally {
    redis.disconnect();
  }
}

/**
 * A full collection of this process's heap (the flag exposes `gc` to contexts made after it).
 * The bench runs with V8's memory reducer off (package.json): once the load stops, it spends the
 * idle window shrinking the generator's heap in repeated full collections, 0.03 to 0.05 cores
 * of this process that no app costs (profiled in issue #16).
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
