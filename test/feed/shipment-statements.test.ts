import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, emailOutbox, orders, trackingEvents } from '../../drizzle/schema/index.js';
import { createAuditRepo } from '../../core/db/audit-repo.js';
import { createDatabase, type Database } from '../../core/db/client.js';
import type { FeedPrincipal } from '../../core/db/feed-keys-repo.js';
import { recordShipment } from '../../core/use-cases/feed/record-shipment.js';
import { recordTrackingEvent, type TrackingStatus } from '../../core/use-cases/feed/record-tracking-event.js';
import { pushTracking } from '../../core/use-cases/push-tracking.js';
import { pushNewShipments } from '../../core/use-cases/tracking/push-new-shipments.js';
import { pushDueScans } from '../../core/use-cases/tracking/push-due-scans.js';
import { TRACKING_TICK_MS } from '../../core/queue/job-ids.js';
import { enqueueCustomerEmail } from '../../core/use-cases/customers/enqueue-customer-email.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { startSimApp, type SimApp } from '../helpers/sim-app.js';
import { ingestedOrder, LYON_CUSTOMER } from '../helpers/shipped-order.js';
import { adminCaller, feedCaller, stockedLyonShop } from '../helpers/sim-shop-setup.js';
import { waitFor } from '../helpers/wait.js';

const SHOP = 'ship-cost.myshopify.com';

/**
 * What the path after a 3PL ships costs in SQL (issue 16): statements per shipment, per
 * tracking event and per fulfill job, counted on the wire, and how many fulfill jobs one parcel
 * with its carrier scans makes.
 */
describe('the cost of a shipment and its tracking events', () => {
  let s: SimApp;
  let workers: StartedWorkers;
  let counted: Database;
  let token: string;
  let key: string;
  let shopId: number;
  let warehouseId: number;
  let sent: string[] = [];
  const admin = adminCaller(
    () => s,
    () => token,
  );
  const feed = feedCaller(
    () => s,
    () => key,
  );

  beforeAll(async () => {
    // the app is the sender (its e-mails are decided, never sent: no email worker runs here)
    s = await startSimApp({ env: { SMTP_URL: 'smtp://127.0.0.1:9', EMAIL_FROM: 'Shop <shop@example.com>' } });
    workers = await startWorkers(s.t.ctx, ['ingest', 'route', 'dispatch', 'reconcile']);
    counted = await createDatabase({
      url: s.t.testDb.url,
      pgliteDir: '',
      poolSize: 2,
      onStatement: (text) => sent.push(text),
    });
    ({ token, shopId, warehouseId, key } = await stockedLyonShop(s, {
      domain: SHOP,
      sku: 'BOL-BLEU',
      keyLabel: 'cost',
      onHand: 400,
    }));
  });
  afterAll(async () => {
    await workers?.close();
    await counted?.close();
    await s?.close();
  });

  /** Statements `fn` sends through the counted database, by their text. */
  async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; statements: string[] }> {
    sent = [];
    const value = await fn();
    const statements = sent;
    sent = [];
    return { value, statements };
  }

  const fulfillJobs = async () => await s.t.ctx.queues.queue('fulfill').getJobs(['waiting', 'delayed', 'prioritized']);
  const pushDeps = () => ({
    db: counted.db,
    shopify: s.t.ctx.shopify,
    channels: s.t.ctx.channels,
    log: s.t.ctx.log,
    customers: { appUrl: s.appUrl, appCanSend: true, queues: s.t.ctx.queues, log: s.t.ctx.log },
  });
  const customers = () => ({ appUrl: s.appUrl, appCanSend: true, queues: s.t.ctx.queues, log: s.t.ctx.log });

  /** An order placed, routed and taken by the 3PL: the allocation and lines a shipment reports. */
  async function takenOrder(email: string) {
    const placed = s.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'BOL-BLEU', quantity: 2 }],
      shippingAddress: LYON_CUSTOMER,
      financialStatus: 'paid',
      email,
    });
    const order = await ingestedOrder(s, shopId, placed.gid);
    const [a] = await waitFor('allocation ready', async () => {
      const live = (await s.t.ctx.db.select().from(allocations).where(eq(allocations.orderId, order.id))).filter(
        (x) => x.status === 'ready',
      );
      return live.length ? live : null;
    });
    const leased = (await feed('POST', '/allocations/lease')).json();
    await feed('POST', `/allocations/${a!.id}/acknowledge`, { leaseToken: leased.leaseToken });
    const item = leased.items.find((i: { id: number }) => i.id === a!.id);
    const lines = item.lines.map((l: { lineId: number; quantity: number }) => ({
      lineId: l.lineId,
      quantity: l.quantity,
    }));
    return { placed, order, allocationId: a!.id, lines: lines as { lineId: number; quantity: number }[] };
  }

  const who = (): FeedPrincipal => ({ keyId: 0, shopId, warehouseId });
  const ship = (o: Awaited<ReturnType<typeof takenOrder>>, n: string) =>
    measure(() =>
      recordShipment(
        { db: counted.db, queues: s.t.ctx.queues, customers: customers() },
        {
          who: who(),
          allocationId: o.allocationId,
          idempotencyKey: `cost-${n}`,
          lines: o.lines,
          carrier: 'Colissimo',
          trackingNumbers: [`6A1000000000${n}`],
          trackingUrl: null,
          shippedAt: new Date(),
        },
      ),
    );
  /** The robot's scans, seconds apart as in bench/e2e: each reads its own clock. */
  async function scans(shipmentId: number, statuses: TrackingStatus[]) {
    const at = Date.now();
    const counts: number[] = [];
    for (const [i, status] of statuses.entries()) {
      const ev = await measure(() =>
        recordTrackingEvent(
          { db: counted.db, queues: s.t.ctx.queues, customers: customers(), now: () => at + i * 1500 },
          { who: who(), shipmentId, status, occurredAt: new Date(at + i * 1000) },
        ),
      );
      counts.push(ev.statements.length);
      if (process.env.SHOW_SQL) console.log(status, ev.statements.map((x) => x.slice(0, 140)).join('\n'));
    }
    return counts;
  }
  /** Runs the fulfill jobs waiting or delayed, as the worker would; answers statements per job. */
  async function runJobs(seen: Set<string>) {
    const counts: number[] = [];
    for (const j of await fulfillJobs()) {
      if (seen.has(j.id!)) continue;
      seen.add(j.id!);
      const shipmentId = j.data.shipmentId;
      const run = await measure<unknown>(() =>
        shipmentId !== undefined
          ? pushTracking(pushDeps(), { shopId, shipmentId })
          : j.data.task === 'new-shipments'
            ? pushNewShipments({ ...pushDeps(), queues: s.t.ctx.queues }, { shopId, recentMs: 60_000 })
            : pushDueScans({ ...pushDeps(), queues: s.t.ctx.queues }, { shopId }),
      );
      counts.push(run.statements.length);
      if (process.env.SHOW_SQL) console.log(j.id, run.statements.map((x) => x.slice(0, 140)).join('\n'));
      await j.remove();
    }
    return counts;
  }

  it("scans after the fulfillment: one statement each, and the shop's job for due scans, which delivered makes due at once", async () => {
    expect((await admin('PATCH', '/settings', { notifyCustomerFrom: 'app' })).statusCode).toBe(200);
    const o = await takenOrder('lea@example.com');
    const shipped = await ship(o, '1');
    if (process.env.SHOW_SQL) console.log(shipped.statements.map((x) => x.slice(0, 140)).join('\n'));
    const shipmentId = shipped.value.shipmentId;
    const jobs = new Set<string>();
    const report: Record<string, unknown> = { shipment: shipped.statements.length };
    report['push of the shipment'] = await runJobs(jobs);
    expect(s.sim.control.getOrder(SHOP, o.placed.id).fulfillments).toHaveLength(1);
    report['tracking events'] = await scans(shipmentId, ['in_transit', 'out_for_delivery', 'delivered']);
    // the shop's jobs for due scans: one when the shipment's window closes, and one at the end
    // of this tick, since delivered made every scan of the parcel due
    const waiting = await s.t.ctx.queues.queue('fulfill').getJobs(['delayed']);
    expect(waiting.map((j) => j.data)).toEqual([{ shopId }, { shopId }]);
    expect(Math.min(...waiting.map((j) => j.opts.delay!))).toBeLessThanOrEqual(TRACKING_TICK_MS);
    report['pushes of the events'] = await runJobs(jobs);
    report['fulfill jobs'] = jobs.size;
    console.log(JSON.stringify(report));

    expect(s.sim.control.getOrder(SHOP, o.placed.id).fulfillments[0]?.displayStatus).toBe('DELIVERED');
    expect(jobs.size).toBe(3);
    expect(report['tracking events']).toEqual([1, 1, 1]);
    // was 29 (and 8 per push job), 22 with the scans moved out, 17, then 4 (begin, the locks with
    // one read, one write, commit); the first statement of a fresh connection fetches its types
    expect(shipped.statements.filter((q) => !q.includes('pg_catalog.pg_type')).length).toBe(4);
    expect(report['push of the shipment']).toEqual([3]);
    // the due scans read and marked; the window's own job finds nothing left (one read)
    expect((report['pushes of the events'] as number[]).sort()).toEqual([1, 2]);
    const mails = await s.t.ctx.db.select().from(emailOutbox).where(eq(emailOutbox.shipmentId, shipmentId));
    expect(mails.map((m) => [m.kind, m.status, m.sender]).sort()).toEqual([
      ['delivered', 'pending', 'app'],
      ['out_for_delivery', 'pending', 'app'],
      ['shipped', 'pending', 'app'],
    ]);
    const events = await s.t.ctx.db.select().from(trackingEvents).where(eq(trackingEvents.shipmentId, shipmentId));
    expect(events.map((e) => [e.status, e.pushStatus]).sort()).toEqual([
      ['delivered', 'pushed'],
      ['in_transit', 'skipped'],
      ['out_for_delivery', 'skipped'],
    ]);
    const [row] = await s.t.ctx.db.select().from(orders).where(eq(orders.id, o.order.id));
    expect(row!.status).toBe('delivered');
    const actions = (await createAuditRepo(s.t.ctx.db).list(shopId, 'order', String(o.order.id))).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'shipped',
        'tracking_pushed',
        'tracking_in_transit',
        'tracking_out_for_delivery',
        'tracking_delivered',
        'tracking_events_pushed',
      ]),
    );
  });

  it('scans before the fulfillment ride on the shipment’s own push: one fulfill job in all', async () => {
    const o = await takenOrder('hugo@example.com');
    const shipped = await ship(o, '2');
    // the shipping e-mail, written with the shipment, says what the long way (as a later e-mail
    // of the parcel is decided) says about it
    const [first] = await s.t.ctx.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.shipmentId, shipped.value.shipmentId), eq(emailOutbox.kind, 'shipped')));
    const later = await enqueueCustomerEmail(
      { db: s.t.ctx.db, appUrl: s.appUrl, appCanSend: true },
      { shopId, shipmentId: shipped.value.shipmentId, kind: 'delayed', delayReason: 'no_scan' },
    );
    if (later.outcome !== 'decided') throw new Error('no delay e-mail decided');
    const { delayReason, ...said } = later.row.data as Record<string, unknown>;
    expect(delayReason).toBe('no_scan');
    expect(first!.data).toEqual(said);
    expect([first!.sender, first!.status, first!.locale, first!.toAddress, first!.orderId]).toEqual([
      later.row.sender,
      later.row.status,
      later.row.locale,
      later.row.toAddress,
      later.row.orderId,
    ]);
    const jobs = new Set<string>();
    expect(await scans(shipped.value.shipmentId, ['in_transit'])).toEqual([1]);
    const pushes = await runJobs(jobs);
    console.log(JSON.stringify({ 'push of the shipment with its scan': pushes }));
    expect(jobs.size).toBe(1);
    expect(s.sim.control.getOrder(SHOP, o.placed.id).fulfillments[0]?.displayStatus).toBe('IN_TRANSIT');
  });
});
