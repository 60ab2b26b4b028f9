import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelOrderAllocations } from '../../core/use-cases/routing/cancel-order-allocations.js';
import { buildApp } from '../../server/app.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { createContractValidator } from './contract-validator.js';
import { seedFeedWarehouse } from './feed-setup.js';

const run = promisify(execFile);

/** What the tests need of a generated client, whatever the generated `paths` type says. */
type Init = {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, string> };
  body?: unknown;
  headers?: Record<string, string>;
  bodySerializer?: (b: unknown) => string;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked at run time against the document; the typed use is compiled in its own test
type Answer = { data?: any; error?: any; response: Response };
type LooseClient = Record<'GET' | 'POST' | 'PUT' | 'DELETE', (path: string, init?: Init) => Promise<Answer>>;

/** The typed use a 3PL would write against the generated types; `tsc` must accept it. */
const typedUsage = `import createClient from 'openapi-fetch';
import type { paths, components } from './feed-v1.js';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1/feed/v1' });

export async function lifecycle(): Promise<number> {
  const lease = await client.POST('/allocations/lease', { params: { query: { limit: 10, leaseSeconds: 300, wait: 20 } } });
  const first: components['schemas']['Allocation'] | undefined = lease.data?.items[0];
  if (!first || !lease.data) return 0;
  const token: string = lease.data.leaseToken;
  await client.POST('/allocations/{id}/acknowledge', { params: { path: { id: first.id } }, body: { leaseToken: token } });
  const shipped = await client.POST('/allocations/{id}/shipments', {
    params: { path: { id: first.id }, header: { 'idempotency-key': 'PKG-00000001' } },
    body: { lines: first.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), carrier: 'Colissimo', trackingNumbers: ['6A12345678901'], shippedAt: '2026-12-03T10:00:00+01:00' },
  });
  if (shipped.error) {
    const code: 'invalid_request' | 'invalid_key' | 'not_found' | 'invalid_state' | 'lease_required' | 'lease_mismatch' | 'not_leased' | 'shipment_exceeds_allocation' | 'idempotency_key_reused' | 'payload_too_large' | 'unsupported_media_type' | 'rate_limited' | 'internal_error' | 'unavailable' = shipped.error.error.code;
    return code.length;
  }
  await client.POST('/shipments/{id}/events', { params: { path: { id: shipped.data.shipmentId } }, body: { status: 'delivered', occurredAt: '2026-12-05T10:00:00Z' } });
  const page = await client.GET('/allocations', { params: { query: { status: 'cancel_requested', changedSince: '2026-12-03T00:00:00Z' } } });
  for (const a of page.data?.items ?? []) await client.POST('/allocations/{id}/cancellation', { params: { path: { id: a.id } }, body: { accept: true } });
  await client.GET('/stock', { params: { query: { sku: 'PULL-ROUGE-L' } } });
  await client.PUT('/webhook-subscription', { body: { url: 'https://wms.example.com/hook', events: ['allocation.ready'], rotateSecret: false } });
  // @ts-expect-error the contract refuses unknown body fields
  await client.POST('/allocations/{id}/reject', { params: { path: { id: 1 } }, body: { reason: 'other', extra: true } });
  return shipped.data.shipmentId;
}
`;

describe('the feed through a client generated from its OpenAPI document', () => {
  let t: TestContext;
  let app: FastifyInstance;
  let doc: Record<string, unknown>;
  let dir: string;
  let api: LooseClient;
  let validator: ReturnType<typeof createContractValidator>;
  let seeded: Awaited<ReturnType<typeof seedFeedWarehouse>>;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestContext();
    app = await buildApp(t.ctx, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}/feed/v1`;
    doc = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as Record<string, unknown>;
    seeded = await seedFeedWarehouse(t);
    validator = createContractValidator(doc);
    const client = createClient({ baseUrl, headers: { authorization: `Bearer ${seeded.key}` } });
    client.use(validator.middleware);
    api = client as unknown as LooseClient;
    // generated code never enters git: it lives under node_modules/.cache for this run only
    mkdirSync(join(process.cwd(), 'node_modules/.cache'), { recursive: true });
    dir = mkdtempSync(join(process.cwd(), 'node_modules/.cache/feed-contract-'));
  }, 60_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app.close();
    await t.close();
  });

  it('names every operation, and generates types that a typed client compiles against', async () => {
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((m) =>
      Object.values(m),
    );
    expect(ops.length).toBeGreaterThanOrEqual(18);
    expect(ops.filter((o) => !o.operationId)).toEqual([]);
    writeFileSync(join(dir, 'feed-v1.ts'), astToString(await openapiTS(doc as never)));
    writeFileSync(join(dir, 'usage.ts'), typedUsage);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2023',
          lib: ['ES2023', 'DOM'],
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['usage.ts'],
      }),
    );
    const out = await run('npx', ['tsc', '-p', dir]).catch((e: { stdout: string }) => e);
    expect(out.stdout).toBe('');
  }, 120_000);

  it('runs the whole lifecycle: lease, acknowledge, ship, events, reject, release, cancellation, snapshot, read back', async () => {
    const a1 = await seeded.newAllocation([
      { sku: 'PULL-ROUGE-L', quantity: 2 },
      { sku: 'BONNET-GRIS', quantity: 1 },
    ]);
    const a2 = await seeded.newAllocation();
    const a3 = await seeded.newAllocation([{ sku: 'BONNET-GRIS', quantity: 1 }]);

    const listed = await api.GET('/allocations', { params: { query: { status: 'ready' } } });
    expect(listed.data.items.map((a: { id: number }) => a.id)).toEqual([
      a1.allocationId,
      a2.allocationId,
      a3.allocationId,
    ]);
    const since = listed.data.serverTime as string;

    const lease = await api.POST('/allocations/lease', { params: { query: { limit: 10, leaseSeconds: 120 } } });
    expect(lease.data.items).toHaveLength(3);
    const leaseToken = lease.data.leaseToken as string;
    const [l1, l2] = [a1, a2].map((a) => lease.data.items.find((x: { id: number }) => x.id === a.allocationId));

    // the lease contract
    expect(
      (await api.POST('/allocations/{id}/acknowledge', { params: { path: { id: a1.allocationId } } })).error.error.code,
    ).toBe('lease_required');
    expect(
      (
        await api.POST('/allocations/{id}/acknowledge', {
          params: { path: { id: a1.allocationId } },
          body: { leaseToken: 'someone-else' },
        })
      ).error.error.code,
    ).toBe('lease_mismatch');
    expect(
      (
        await api.POST('/allocations/{id}/acknowledge', {
          params: { path: { id: a1.allocationId } },
          body: { leaseToken },
        })
      ).data,
    ).toEqual({ status: 'acknowledged', changed: true });
    expect(
      (
        await api.POST('/allocations/{id}/acknowledge', {
          params: { path: { id: a1.allocationId } },
          body: { leaseToken },
        })
      ).data,
    ).toEqual({ status: 'acknowledged', changed: false });
    const extended = await api.POST('/allocations/{id}/lease/extend', {
      params: { path: { id: a2.allocationId } },
      body: { leaseToken, leaseSeconds: 900 },
    });
    expect(Date.parse(extended.data.leaseUntil) - Date.now()).toBeGreaterThan(800_000);
    expect(
      (
        await api.POST('/allocations/{id}/lease/release', {
          params: { path: { id: a2.allocationId } },
          body: { leaseToken },
        })
      ).data,
    ).toMatchObject({ status: 'ready', leaseUntil: null });
    expect(
      (
        await api.POST('/allocations/{id}/lease/release', {
          params: { path: { id: a2.allocationId } },
          body: { leaseToken },
        })
      ).error.error.code,
    ).toBe('not_leased');
    expect(
      (
        await api.POST('/allocations/{id}/reject', {
          params: { path: { id: a3.allocationId } },
          body: { reason: 'out_of_stock', message: 'BONNET-GRIS: 0' },
        })
      ).error.error.code,
    ).toBe('lease_required');
    expect(
      (
        await api.POST('/allocations/{id}/reject', {
          params: { path: { id: a3.allocationId } },
          body: { reason: 'out_of_stock', message: 'BONNET-GRIS: 0', leaseToken },
        })
      ).data,
    ).toEqual({ status: 'rejected', rerouting: true });

    // a released allocation is takeable again; shipping a live lease needs its token
    const again = await api.POST('/allocations/lease', { params: { query: { limit: 10 } } });
    expect(again.data.items.map((a: { id: number }) => a.id)).toEqual([a2.allocationId]);
    const ship2 = {
      lines: l2.lines.map((l: { lineId: number; quantity: number }) => ({ lineId: l.lineId, quantity: l.quantity })),
      carrier: 'DHL',
      trackingNumbers: ['JD014600006281230701'],
      shippedAt: '2026-12-03T09:00:00.5+01:00',
    };
    expect(
      (
        await api.POST('/allocations/{id}/shipments', {
          params: { path: { id: a2.allocationId }, header: { 'idempotency-key': 'PKG-a2-0001' } },
          body: ship2,
        })
      ).error.error.code,
    ).toBe('lease_required');
    expect(
      (
        await api.POST('/allocations/{id}/shipments', {
          params: { path: { id: a2.allocationId }, header: { 'idempotency-key': 'PKG-a2-0001' } },
          body: { ...ship2, leaseToken: again.data.leaseToken },
        })
      ).response.status,
    ).toBe(201);

    // shipping with idempotency: first answer, replay, key reused with another body, too much
    const ship1 = {
      lines: [{ lineId: l1.lines[0].lineId, quantity: 2 }],
      carrier: 'colissimo',
      trackingNumbers: ['6A12345678901'],
      shippedAt: '2026-12-03t10:00:00z',
    };
    const first = await api.POST('/allocations/{id}/shipments', {
      params: { path: { id: a1.allocationId }, header: { 'idempotency-key': 'PKG-a1-0001' } },
      body: ship1,
    });
    expect(first.response.status).toBe(201);
    expect(first.data).toMatchObject({ created: true, allocationStatus: 'partially_shipped', carrier: 'Colissimo' });
    const replay = await api.POST('/allocations/{id}/shipments', {
      params: { path: { id: a1.allocationId }, header: { 'idempotency-key': 'PKG-a1-0001' } },
      body: ship1,
    });
    expect([replay.response.status, replay.response.headers.get('idempotent-replayed'), replay.data]).toEqual([
      201,
      'true',
      first.data,
    ]);
    const reused = await api.POST('/allocations/{id}/shipments', {
      params: { path: { id: a1.allocationId }, header: { 'idempotency-key': 'PKG-a1-0001' } },
      body: { ...ship1, trackingNumbers: ['6A00000000000'] },
    });
    expect([reused.response.status, reused.error.error.code]).toEqual([422, 'idempotency_key_reused']);
    const tooMany = await api.POST('/allocations/{id}/shipments', {
      params: { path: { id: a1.allocationId }, header: { 'idempotency-key': 'PKG-a1-0002' } },
      body: { ...ship1, lines: [{ lineId: l1.lines[1].lineId, quantity: 5 }] },
    });
    expect([tooMany.response.status, tooMany.error.error.code]).toEqual([422, 'shipment_exceeds_allocation']);
    expect(tooMany.error.error.details[0]).toMatchObject({ message: expect.stringContaining('only 1 left') });

    // read back, correct tracking, report events (idempotent with a key)
    const shipmentId = first.data.shipmentId as number;
    const got = await api.GET('/shipments/{id}', { params: { path: { id: shipmentId } } });
    expect(got.data).toMatchObject({
      id: shipmentId,
      allocationId: a1.allocationId,
      idempotencyKey: 'PKG-a1-0001',
      status: 'shipped',
      lines: [{ sku: 'PULL-ROUGE-L', quantity: 2 }],
    });
    expect(got.data.shippedAt).toBe('2026-12-03T10:00:00.000Z');
    const fixed = await api.PUT('/shipments/{id}/tracking', {
      params: { path: { id: shipmentId } },
      body: { carrier: 'Colissimo', trackingNumbers: ['6A98765432109'] },
    });
    expect(fixed.data.changed).toBe(true);
    const event = { status: 'in_transit', occurredAt: '2026-12-03T18:00:00Z', location: 'Lyon' };
    const ev1 = await api.POST('/shipments/{id}/events', {
      params: { path: { id: shipmentId }, header: { 'idempotency-key': 'scan-00000001' } },
      body: event,
    });
    expect(ev1.data).toEqual({ created: true, status: 'in_transit' });
    const ev2 = await api.POST('/shipments/{id}/events', {
      params: { path: { id: shipmentId }, header: { 'idempotency-key': 'scan-00000001' } },
      body: event,
    });
    expect([ev2.response.headers.get('idempotent-replayed'), ev2.data]).toEqual(['true', ev1.data]);
    const listedShipments = await api.GET('/shipments', { params: { query: { allocationId: a1.allocationId } } });
    expect(
      listedShipments.data.items.map((s: { id: number; trackingNumbers: string[] }) => [s.id, s.trackingNumbers]),
    ).toEqual([[shipmentId, ['6A98765432109']]]);
    expect((await api.GET('/shipments', { params: { query: { limit: 1 } } })).data.nextCursor).not.toBeNull();

    // a cancellation request shows up through changedSince, and is answered
    await t.ctx.db.transaction((tx) => cancelOrderAllocations(tx, seeded.shop.id, a1.orderId, 'merchant'));
    const changed = await api.GET('/allocations', { params: { query: { status: 'all', changedSince: since } } });
    expect(changed.data.items.find((a: { id: number }) => a.id === a1.allocationId)).toMatchObject({
      status: 'cancel_requested',
    });
    const cancelRequested = await api.GET('/allocations', { params: { query: { status: 'cancel_requested' } } });
    expect(cancelRequested.data.items.map((a: { id: number }) => a.id)).toEqual([a1.allocationId]);
    expect(
      (
        await api.POST('/allocations/{id}/cancellation', {
          params: { path: { id: a1.allocationId } },
          body: { accept: false, reason: 'already left' },
        })
      ).data,
    ).toEqual({ status: 'kept' });
    expect(
      (
        await api.POST('/allocations/{id}/cancellation', {
          params: { path: { id: a1.allocationId } },
          body: { accept: true },
        })
      ).error.error.code,
    ).toBe('invalid_state');
    const nothingNew = await api.GET('/allocations', {
      params: { query: { status: 'all', changedSince: new Date(Date.now() + 60_000).toISOString() } },
    });
    expect(nothingNew.data.items).toEqual([]);

    // stock: read what the app believes, then count; a repeated count corrects nothing
    const stock = await api.GET('/stock', { params: { query: {} } });
    const pull = stock.data.items.find((s: { sku: string }) => s.sku === 'PULL-ROUGE-L');
    expect(pull).toMatchObject({ onHand: 46, available: pull.onHand - pull.reserved });
    const count = {
      snapshotId: 'count-0001',
      takenAt: '2026-12-03T06:00:00+01:00',
      items: [
        { sku: 'PULL-ROUGE-L', onHand: 44 },
        { sku: 'NOPE', onHand: 1 },
      ],
    };
    const snap = await api.POST('/inventory-snapshots', { body: count });
    expect(snap.data).toMatchObject({
      items: 2,
      corrections: [{ sku: 'PULL-ROUGE-L', before: 46, after: 44, delta: -2 }],
      unknownSkus: ['NOPE'],
    });
    const snapAgain = await api.POST('/inventory-snapshots', { body: count });
    expect([snapAgain.response.headers.get('idempotent-replayed'), snapAgain.data.corrections]).toEqual(['true', []]);
    expect(
      (await api.POST('/inventory-snapshots', { body: { ...count, items: [{ sku: 'PULL-ROUGE-L', onHand: 1 }] } }))
        .error.error.code,
    ).toBe('idempotency_key_reused');
    expect((await api.GET('/stock', { params: { query: { sku: 'PULL-ROUGE-L' } } })).data.items).toMatchObject([
      { sku: 'PULL-ROUGE-L', onHand: 44 },
    ]);

    // webhook subscription
    expect((await api.GET('/webhook-subscription')).error.error.code).toBe('not_found');
    const sub = await api.PUT('/webhook-subscription', { body: { url: 'https://wms.example.com/hook' } });
    expect(sub.data).toMatchObject({
      url: 'https://wms.example.com/hook',
      events: ['allocation.ready', 'allocation.cancel_requested'],
      secret: expect.stringMatching(/^whsec_/),
    });
    expect((await api.GET('/webhook-subscription')).data.secret).toBeUndefined();
    expect((await api.DELETE('/webhook-subscription')).response.status).toBe(204);
  }, 60_000);

  it('answers errors in the documented shape and codes, never a framework code', async () => {
    const unknownField = await api.POST('/allocations/{id}/reject', {
      params: { path: { id: 1 } },
      body: { reason: 'other', colour: 'red' },
    });
    expect(unknownField.response.status).toBe(400);
    expect(JSON.stringify(unknownField.error.error.details)).toContain('colour');
    const badTime = await api.POST('/inventory-snapshots', {
      body: { snapshotId: 'x', takenAt: '03/12/2026', items: [{ sku: 'A', onHand: 1 }] },
    });
    expect(badTime.error.error.details).toEqual([expect.objectContaining({ path: 'body.takenAt' })]);
    const nul = await api.POST('/allocations/{id}/reject', {
      params: { path: { id: 1 } },
      body: { reason: 'other', message: 'a\u0000b' },
    });
    expect(nul.response.status).toBe(400);
    const badJson = await api.POST('/inventory-snapshots', {
      body: '{"snapshotId":',
      bodySerializer: (b) => String(b),
    });
    expect([badJson.response.status, badJson.error.error.code]).toEqual([400, 'invalid_request']);
    const textBody = await api.POST('/inventory-snapshots', {
      body: 'hello',
      bodySerializer: (b) => String(b),
      headers: { 'content-type': 'application/xml' },
    });
    expect([textBody.response.status, textBody.error.error.code]).toEqual([415, 'unsupported_media_type']);
    const missing = await api.GET('/allocations/{id}', { params: { path: { id: 999999 } } });
    expect([missing.response.status, missing.error.error.code]).toEqual([404, 'not_found']);
    const badQuery = await api.GET('/allocations', { params: { query: { status: 'whatever', wait: 99 } } });
    expect(badQuery.error.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'querystring.status',
      'querystring.wait',
    ]);
    const noKey = await api.GET('/allocations', {
      headers: { authorization: 'Bearer lk_000000000000_notarealkeynotarealkeyxx' },
    });
    expect([noKey.response.status, noKey.error.error.code]).toEqual([401, 'invalid_key']);
    const noIdem = await api.POST('/allocations/{id}/shipments', {
      params: { path: { id: 1 } },
      body: { lines: [{ lineId: 1, quantity: 1 }], trackingNumbers: ['ABC123'], shippedAt: '2026-12-03T10:00:00Z' },
    });
    expect([noIdem.response.status, noIdem.error.error.details[0].path]).toEqual([400, 'headers.idempotency-key']);
    for (const c of validator.checked()) expect(JSON.stringify(c)).not.toMatch(/fst_err/i);
  });

  it('wakes a long poll within a second of a new allocation', async () => {
    // nothing takeable now: the lease holds until work arrives
    await api.POST('/allocations/lease', { params: { query: { limit: 100 } } });
    const started = Date.now();
    const waiting = api
      .POST('/allocations/lease', { params: { query: { limit: 10, wait: 20 } } })
      .then((r) => ({ r, at: Date.now() }));
    await new Promise((r) => setTimeout(r, 300));
    const { allocationId } = await seeded.newAllocation();
    const createdAt = Date.now();
    const { r, at } = await waiting;
    expect(r.data.items.map((a: { id: number }) => a.id)).toEqual([allocationId]);
    expect(at - createdAt).toBeLessThan(1000);
    expect(at - started).toBeGreaterThan(300);
    // and an empty wait times out with an empty answer
    const t0 = Date.now();
    const empty = await api.GET('/allocations', { params: { query: { status: 'takeable', wait: 1 } } });
    expect(empty.data.items).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  }, 30_000);

  it('checked every answer against the document without a discrepancy', () => {
    const checked = validator.checked();
    expect(checked.length).toBeGreaterThan(40);
    expect(checked.filter((c) => c.problems.length > 0)).toEqual([]);
    const statuses = new Set(checked.map((c) => c.status));
    for (const s of [200, 201, 204, 400, 401, 404, 409, 415, 422]) expect(statuses).toContain(s);
  });

  it('the validator itself flags an undocumented status, a body off its schema and a missing header', async () => {
    const v = createContractValidator(doc);
    const headers = {
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '9',
      'x-ratelimit-reset': '60',
      'x-request-id': 'r1',
    };
    expect((await v.check('GET', '/allocations/{id}', new Response('{}', { status: 418, headers }))).problems).toEqual([
      expect.stringContaining('418 is not documented'),
    ]);
    expect(
      (await v.check('GET', '/allocations/{id}', new Response('{"id":0}', { status: 200, headers }))).problems,
    ).toEqual([expect.stringContaining('body:')]);
    const { 'x-request-id': _dropped, ...noId } = headers;
    expect(
      (
        await v.check(
          'GET',
          '/allocations/{id}',
          new Response('{"error":{"code":"not_found","message":"x"}}', { status: 404, headers: noId }),
        )
      ).problems,
    ).toEqual(['header x-request-id is missing']);
    expect(
      (
        await v.check(
          'GET',
          '/allocations/{id}',
          new Response('{"error":{"code":"fst_err_x","message":"x"}}', { status: 404, headers }),
        )
      ).problems,
    ).toEqual([expect.stringContaining('body:')]);
  });
});

describe("the feed's rate limit, as documented", () => {
  it('answers 429 with Retry-After and the rate-limit headers', async () => {
    const t = await createTestContext({ FEED_RATE_LIMIT_PER_MINUTE: '2' });
    const app = await buildApp(t.ctx, { logger: false });
    try {
      const { key } = await seedFeedWarehouse(t);
      const doc = (await app.inject('/feed/v1/openapi.json')).json();
      const validator = createContractValidator(doc);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await app.inject({ url: '/feed/v1/allocations', headers: { authorization: `Bearer ${key}` } });
        statuses.push(res.statusCode);
        const checked = await validator.check(
          'GET',
          '/allocations',
          new Response(res.body, { status: res.statusCode, headers: res.headers as Record<string, string> }),
        );
        expect(checked.problems).toEqual([]);
        if (res.statusCode === 429) expect(res.json().error.code).toBe('rate_limited');
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await app.close();
      await t.close();
    }
  });
});
