import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { dispatchAllocation } from '../../core/use-cases/dispatch-allocation.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { seedOrder } from '../helpers/fixtures.js';
import { seedFeedWarehouse } from './feed-setup.js';

// every statement the app's connections put on the wire (begin and commit included), counted the
// way the e2e benchmark counts them, on the real database
const sent = { n: 0, texts: [] as string[] };
const count = (text: string) => {
  sent.n++;
  sent.texts.push(text.replace(/\s+/g, ' ').slice(0, 100));
};

/**
 * What the 3PL robot's requests cost in SQL, request by request: the hot path of the flash
 * sale (issue #16). The feed's own steps are bounded (key check, listing, lease, acknowledgement,
 * idempotency); what a shipment and a tracking event do after that is counted and logged.
 */
describe('feed statements per request', () => {
  let t: TestContext;
  let app: FastifyInstance;
  let world: Awaited<ReturnType<typeof seedFeedWarehouse>>;
  const counts: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestContext({}, { onStatement: count });
    app = await buildApp(t.ctx, { logger: false });
    world = await seedFeedWarehouse(t);
  });
  afterAll(async () => {
    console.log(`statements per feed request: ${JSON.stringify(counts)}`);
    await app.close();
    await t.close();
  });

  /** Sends one feed request and answers it with the statements it cost. */
  async function measured(
    name: string,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) {
    // work queued by an earlier request (enqueues, last-use writes) settles before counting
    await new Promise((r) => setTimeout(r, 50));
    sent.n = 0;
    sent.texts = [];
    const res = await app.inject({
      method,
      url: `/feed/v1${url}`,
      headers: { authorization: `Bearer ${world.key}`, ...headers },
      ...(payload ? { payload } : {}),
    });
    counts[name] = sent.n;
    if (process.env.FEED_SQL_TEXT) console.log(name, sent.texts);
    const texts = [...sent.texts];
    return {
      res,
      statements: sent.n,
      touching: (table: string) => texts.filter((x) => x.includes(`"${table}"`)).length,
    };
  }

  it('costs the robot a handful of statements per order', async () => {
    const { allocationId } = await world.newAllocation();
    // the first request of a key writes its last use; the robot's steady state is what follows
    await measured('warm-up', 'GET', '/allocations?status=done&limit=1');

    const poll = await measured('long-poll list', 'GET', '/allocations?status=takeable&limit=1&wait=5');
    expect(poll.res.json().items).toHaveLength(1);
    // the key was verified by the warm-up: trusted while the auth version stands
    expect(poll.touching('feed_keys')).toBe(0);
    // the query, and LISTEN the first time a long poll waits in this process
    expect(poll.statements).toBeLessThanOrEqual(2);
    const lease = await measured('lease', 'POST', '/allocations/lease?limit=20&leaseSeconds=300');
    expect(lease.res.statusCode).toBe(200);
    // the lease, with its orders and lines read beside the rows it took, in one statement (was 2)
    expect(lease.statements).toBe(1);
    const { leaseToken, items } = lease.res.json() as { leaseToken: string; items: { lines: { lineId: number }[] }[] };
    const ack = await measured('acknowledge', 'POST', `/allocations/${allocationId}/acknowledge`, { leaseToken });
    expect(ack.res.json()).toEqual({ status: 'acknowledged', changed: true });
    expect(ack.statements).toBe(1);
    const [audit] = await t.ctx.database.query<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'acknowledged_by_3pl' and data->>'allocationId' = ${String(allocationId)}`,
    );
    expect(audit!.n).toBe(1);
    const body = {
      lines: [{ lineId: items[0]!.lines[0]!.lineId, quantity: 2 }],
      carrier: 'Colissimo',
      trackingNumbers: ['6A12345678901'],
      shippedAt: new Date().toISOString(),
    };
    const ship = await measured('shipment', 'POST', `/allocations/${allocationId}/shipments`, body, {
      'idempotency-key': `parcel-${allocationId}`,
    });
    expect(ship.res.statusCode).toBe(201);
    // begin, the locks with one read, one write (the answer stored with the shipment), commit: was 17
    expect(ship.statements).toBe(4);
    const [stored] = await t.ctx.database.query<{ status_code: number; response: unknown }>(
      sql`select status_code, response from feed_idempotency_keys where key = ${`parcel-${allocationId}`}`,
    );
    expect(stored).toEqual({ status_code: 201, response: ship.res.json() });
    const replay = await measured('shipment replay', 'POST', `/allocations/${allocationId}/shipments`, body, {
      'idempotency-key': `parcel-${allocationId}`,
    });
    expect([replay.res.statusCode, replay.res.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(replay.res.json()).toEqual(ship.res.json());
    // the stored answer is read with the locks: begin, that, commit (was 7)
    expect(replay.statements).toBe(3);
    const shipmentId = (ship.res.json() as { shipmentId: number }).shipmentId;
    // a tracking correction: compared, changed and put on the timeline in one statement (was 5)
    const fix = { carrier: 'Colissimo', trackingNumbers: ['6A12345678902'] };
    const fixed = await measured('tracking correction', 'PUT', `/shipments/${shipmentId}/tracking`, fix);
    expect(fixed.res.json()).toMatchObject({ changed: true, carrier: 'Colissimo' });
    expect(fixed.statements).toBe(1);
    const same = await measured('tracking correction repeated', 'PUT', `/shipments/${shipmentId}/tracking`, fix);
    expect([same.res.json().changed, same.statements]).toEqual([false, 1]);
    const [timeline] = await t.ctx.database.query<{ data: unknown }>(
      sql`select data from audit_log where action = 'tracking_changed' and data->>'shipmentId' = ${String(shipmentId)}`,
    );
    expect(timeline!.data).toEqual({
      shipmentId,
      before: ['6A12345678901'],
      after: ['6A12345678902'],
      carrier: 'Colissimo',
    });
    let at = Date.now();
    for (const status of ['in_transit', 'out_for_delivery', 'delivered'] as const) {
      const ev = await measured(`event ${status}`, 'POST', `/shipments/${shipmentId}/events`, {
        status,
        occurredAt: new Date((at += 1000)).toISOString(),
        description: status,
      });
      expect(ev.res.json()).toMatchObject({ created: true, status });
      expect(ev.touching('feed_keys')).toBe(0);
      expect(ev.statements).toBe(1);
    }
    // an event with a key: the stored answer looked up, the event and its answer written, in one statement (was 3)
    const scan = { status: 'exception', occurredAt: new Date(at - 500).toISOString() };
    const keyed = await measured('event with key', 'POST', `/shipments/${shipmentId}/events`, scan, {
      'idempotency-key': `scan-key-${shipmentId}`,
    });
    expect(keyed.res.json()).toEqual({ created: true, status: 'delivered' });
    expect(keyed.statements).toBe(1);
    const again = await measured('event with key replay', 'POST', `/shipments/${shipmentId}/events`, scan, {
      'idempotency-key': `scan-key-${shipmentId}`,
    });
    expect([again.res.headers['idempotent-replayed'], again.res.json()]).toEqual(['true', keyed.res.json()]);
    expect(again.statements).toBe(1);
    const reused = await measured(
      'event with key reused',
      'POST',
      `/shipments/${shipmentId}/events`,
      { ...scan, location: 'Lyon' },
      {
        'idempotency-key': `scan-key-${shipmentId}`,
      },
    );
    expect([reused.res.statusCode, reused.res.json().error.code]).toEqual([422, 'idempotency_key_reused']);
  });

  it('hands an allocation to a feed 3PL in two statements, its timeline entry included', async () => {
    const orderId = await seedOrder(t.ctx.db, world.shop.id, { lines: [{ sku: 'BONNET-GRIS', quantity: 1 }] });
    const routed = await routeOrder(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
      { shopId: world.shop.id, orderId, reason: 'test' },
    );
    if (routed.status !== 'routed') throw new Error(`not routed: ${routed.status}`);
    const allocationId = routed.allocationIds[0]!;
    const deps = { db: t.ctx.db, shopify: t.ctx.shopify, cipher: t.ctx.cipher, breaker: t.ctx.breaker, log: t.ctx.log };
    await new Promise((r) => setTimeout(r, 50));
    sent.n = 0;
    const out = await dispatchAllocation(deps, {
      shopId: world.shop.id,
      allocationId,
      finalAttempt: false,
      attempt: 1,
    });
    counts.dispatch = sent.n;
    expect(out).toMatchObject({ status: 'dispatched', to: 'ready' });
    // the allocation with its lines read in one, the move and its timeline entry written in one
    expect(sent.n).toBe(2);
    const again = await dispatchAllocation(deps, {
      shopId: world.shop.id,
      allocationId,
      finalAttempt: false,
      attempt: 2,
    });
    expect(again.status).toBe('skipped');
    const [row] = await t.ctx.database.query<{ status: string; attempts: number; entries: number }>(sql`
      select a.status, a.dispatch_attempts as attempts,
        (select count(*)::int from audit_log l where l.shop_id = a.shop_id and l.action = 'dispatched'
          and l.entity_id = a.order_id::text and l.data->>'allocationId' = a.id::text) as entries
      from allocations a where a.id = ${allocationId}`);
    expect(row).toEqual({ status: 'ready', attempts: 1, entries: 1 });
  });
});
