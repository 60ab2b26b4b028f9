import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { warehouses } from '../../drizzle/schema/index.js';
import { RetriableIntegrationError } from '../../core/errors.js';
import { createHttpWarehouse } from '../../core/integrations/warehouses/http-warehouse.js';
import { signStandardWebhook } from '../../core/integrations/warehouses/standard-webhooks.js';
import type { DispatchOrder } from '../../core/integrations/warehouses/warehouse.js';
import { createPushReceiver, type PushReceiver } from './push-receiver.js';
import { Webhook } from 'standardwebhooks';
import { verifyPushSignature } from './push-signature.js';
import {
  allocationRow,
  eventsOf,
  placeOrder,
  seedShopWithWarehouses,
  shipmentsOf,
  startRealApp,
  until,
  type RealApp,
} from '../../test/helpers/real-app.js';

const secret = 'whsec_push_test_secret';
const now = () => Math.floor(Date.now() / 1000);
let msg = 0;
const signed = (body: string, key: string, at: number): Record<string, string> => ({
  ...signStandardWebhook(key, `msg_${++msg}`, new Date(at * 1000), body),
});
const order = (allocationId: number, key = `key-${allocationId}`): DispatchOrder => ({
  allocationId,
  idempotencyKey: key,
  orderName: `#${allocationId}`,
  channel: 'shopify',
  promisedShipBy: null,
  serviceLevel: 'standard',
  shipTo: { name: 'Camille Martin', address1: '3 rue des Lilas', city: 'Lyon', zip: '69003', countryCode: 'FR' },
  email: 'camille@example.fr',
  lines: [{ lineId: 1, sku: 'TEE-M', title: 'T-shirt M', quantity: 2 }],
});

async function post(url: string, path: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('push receiver: signatures and idempotency', () => {
  let rx: PushReceiver;
  afterEach(async () => {
    await rx.stop();
  });

  it('takes a signed order once per idempotency key and answers repeats the same way', async () => {
    rx = createPushReceiver({ secret, toleranceSeconds: 300 });
    const url = await rx.start();
    const body = JSON.stringify(order(11));
    const headers = { 'idempotency-key': 'key-11', ...signed(body, secret, now()) };
    const first = await post(url, '/orders', body, headers);
    expect(first).toEqual({ status: 201, body: { reference: expect.stringMatching(/^WMS-\d{6}$/) } });
    const again = await post(url, '/orders', body, { ...headers, ...signed(body, secret, now()) });
    expect(again).toEqual(first);
    expect(rx.received()).toHaveLength(1);
    expect(rx.received()[0]).toMatchObject({
      reference: first.body.reference,
      order: { allocationId: 11, orderName: '#11' },
    });
    expect(rx.duplicates()).toEqual([expect.objectContaining({ path: '/orders', idempotencyKey: 'key-11' })]);

    const other = JSON.stringify({ ...order(11), orderName: '#changed' });
    const reused = await post(url, '/orders', other, { 'idempotency-key': 'key-11', ...signed(other, secret, now()) });
    expect(reused.status).toBe(409);
    expect(rx.received()).toHaveLength(1);
  });

  it('refuses wrong, tampered, missing and stale signatures with 401 and takes nothing', async () => {
    rx = createPushReceiver({ secret, toleranceSeconds: 300 });
    const url = await rx.start();
    const body = JSON.stringify(order(12));
    const cases: [Record<string, string>, string, string][] = [
      [signed(body, 'not-the-secret', now()), body, 'invalid_signature'],
      [signed(body, secret, now()), body.replace('"quantity":2', '"quantity":20'), 'invalid_signature'],
      [{}, body, 'invalid_signature'],
      [{ ...signed(body, secret, now()), 'webhook-signature': 'v1=abc' }, body, 'invalid_signature'],
      [{ ...signed(body, secret, now()), 'webhook-id': 'msg_other' }, body, 'invalid_signature'],
      [signed(body, secret, now() - 400), body, 'stale_signature'],
      [signed(body, secret, now() + 400), body, 'stale_signature'],
    ];
    for (const [headers, sent, error] of cases) {
      const res = await post(url, '/orders', sent, { 'idempotency-key': 'key-12', ...headers });
      expect(res.status).toBe(401);
      expect(res.body.error).toBe(error);
    }
    expect(rx.received()).toEqual([]);
    expect(rx.refusals()).toHaveLength(cases.length);
    // a timestamp inside the tolerance is fine
    const ok = await post(url, '/orders', body, { 'idempotency-key': 'key-12', ...signed(body, secret, now() - 290) });
    expect(ok.status).toBe(201);
  });

  it('verifies a signature made with a rotated-in second v1 entry', () => {
    const body = '{"a":1}';
    const t = now();
    const good = signStandardWebhook(secret, 'msg_r', new Date(t * 1000), body);
    const bad = signStandardWebhook('old', 'msg_r', new Date(t * 1000), body);
    expect(
      verifyPushSignature(
        { ...good, 'webhook-signature': `${bad['webhook-signature']} ${good['webhook-signature']}` },
        body,
        secret,
        t,
        300,
      ),
    ).toEqual({ ok: true, timestamp: t, id: 'msg_r' });
    expect(verifyPushSignature(bad, body, secret, t, 300)).toEqual({ ok: false, reason: 'mismatch' });
    // a whsec_ secret in base64 is the Standard Webhooks key format: it verifies with the reference library
    const whsec = `whsec_${Buffer.from('a-32-byte-key-for-the-test-12345').toString('base64')}`;
    const std = signStandardWebhook(whsec, 'msg_s', new Date(t * 1000), body);
    expect(new Webhook(whsec).verify(body, { ...std })).toEqual({ a: 1 });
    expect(verifyPushSignature(std, body, whsec, t, 300)).toMatchObject({ ok: true });
  });

  it('survives the app\'s own adapter through 500s, timeouts and "succeed then time out", counting each order once', async () => {
    rx = createPushReceiver({ secret, behaviour: { hangMs: 5_000 } });
    const url = await rx.start();
    const adapter = createHttpWarehouse({
      warehouseId: 1,
      url,
      secret,
      timeoutMs: 300,
      net: { allowPrivateNetwork: true, requireHttps: false },
    });

    rx.setBehaviour({ failRate: 1 });
    await expect(adapter.dispatch(order(21))).rejects.toBeInstanceOf(RetriableIntegrationError);
    rx.setBehaviour({ failRate: 0, timeoutRate: 1 });
    await expect(adapter.dispatch(order(21))).rejects.toBeInstanceOf(RetriableIntegrationError);
    expect(rx.received()).toEqual([]);

    rx.setBehaviour({ timeoutRate: 0, succeedThenTimeoutRate: 1 });
    await expect(adapter.dispatch(order(21))).rejects.toBeInstanceOf(RetriableIntegrationError);
    expect(rx.received()).toEqual([expect.objectContaining({ answered: false, idempotencyKey: 'key-21' })]);

    rx.setBehaviour({ succeedThenTimeoutRate: 0 });
    const retried = await adapter.dispatch(order(21));
    expect(retried).toEqual({ kind: 'accepted', reference: rx.received()[0]!.reference });
    expect(rx.received()).toHaveLength(1);
    expect(rx.duplicates()).toHaveLength(1);
    expect(rx.stats()).toMatchObject({
      accepted: 1,
      duplicates: 1,
      failures: 1,
      timeouts: 1,
      succeededThenTimedOut: 1,
    });

    expect(await adapter.cancel({ allocationId: 21, idempotencyKey: 'key-21', orderName: '#21' })).toEqual({
      confirmed: true,
    });
    expect(rx.cancellations()).toEqual([expect.objectContaining({ allocationId: 21, cancelled: true })]);
  });
});

describe("push receiver shipping through the real app's feed", () => {
  let r: RealApp;
  let rx: PushReceiver;
  beforeAll(async () => {
    r = await startRealApp();
  });
  afterAll(async () => {
    await rx?.stop();
    await r.close();
  });

  it('takes the pushed allocation, then ships it and reports scans through the feed', async () => {
    const { t } = r;
    const pushSecret = 'whsec_real_app';
    const shop = await seedShopWithWarehouses(t, {
      stock: { JUG: 4 },
      w: {
        dispatchStyle: 'http',
        pushUrl: 'http://127.0.0.1:9/unset',
        pushSecretEnc: t.ctx.cipher.encrypt(pushSecret),
      },
    });
    const wh = shop.warehouses[0]!;
    rx = createPushReceiver({
      secret: pushSecret,
      appUrl: r.url,
      apiKey: wh.key,
      shipDelayMs: 0,
      seed: 'push',
      pollIntervalMs: 60_000,
      retry: { baseMs: 5, maxMs: 20 },
      trackingEventsSchedule: {
        inTransitAfterMs: 0,
        outForDeliveryAfterMs: 0,
        deliveredAfterMs: 0,
        exceptionRate: 0,
        timeScale: 1,
      },
    });
    await t.ctx.db
      .update(warehouses)
      .set({ pushUrl: await rx.start() })
      .where(eq(warehouses.id, wh.row.id));

    const {
      allocationIds: [id],
    } = await placeOrder(t, shop.shopId, { lines: [{ sku: 'JUG', quantity: 2 }] });
    expect((await allocationRow(t, id!)).status).toBe('acknowledged');
    expect(rx.received()).toEqual([
      expect.objectContaining({
        order: expect.objectContaining({
          allocationId: id,
          lines: [expect.objectContaining({ sku: 'JUG', quantity: 2 })],
        }),
      }),
    ]);

    await until(
      'the pushed allocation to ship',
      async () => (await allocationRow(t, id!)).status === 'shipped',
      () => rx.tick(),
    );
    const [shipment] = await shipmentsOf(t, id!);
    await until(
      'delivery to be reported',
      async () => (await eventsOf(t, shipment!.id)).some((e) => e.status === 'delivered'),
      () => rx.tick(),
    );
    expect(rx.stats().shipping).toMatchObject({ acknowledged: 1, shippedParcels: 1, shippedUnits: 2, lost: 0 });
  });
});
