import '@shopify/shopify-api/adapters/node';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SHOP, startHarness, TEST_KEY, TEST_SECRET, type Harness } from '../test-support/harness.js';
import { startReceiver, type Receiver } from '../test-support/receiver.js';

const shopify = shopifyApi({
  apiKey: TEST_KEY,
  apiSecretKey: TEST_SECRET,
  apiVersion: ApiVersion.July26,
  hostName: 'app.example.com',
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error, log: async () => {} },
});

let h: Harness;
let app: Receiver;

beforeAll(async () => {
  app = await startReceiver();
  h = await startHarness({ appUrl: app.url });
  h.sim.control.setStock(SHOP, { sku: 'MUG', locationId: h.paris.id, available: 1000 });
});
afterAll(async () => {
  await h.close();
  await app.close();
});
beforeEach(async () => {
  await h.sim.waitForIdleWebhooks();
  h.sim.control.setChaos({ duplicateRate: 0, reorderRate: 0, dropRate: 0, dropNext: [], delayMs: 0 });
  app.setHandler(() => 200);
  app.received.length = 0;
  h.sim.resetLogs();
});

function order(tag: string) {
  return h.sim.control.placeOrder(SHOP, {
    lines: [{ sku: 'MUG', quantity: 1 }],
    shippingAddress: { address1: '1 rue A', city: 'Paris', zip: '75001', countryCode: 'FR' },
    tags: [tag],
  });
}

const isCreate = (r: { path: string; headers: { [k: string]: unknown } }): boolean =>
  r.headers['x-shopify-topic'] === 'orders/create';

describe('webhook delivery', () => {
  it("is accepted by @shopify/shopify-api's webhooks.validate, which rejects a tampered body", async () => {
    const verdicts: { valid: boolean; topic?: string; tampered: boolean }[] = [];
    app.setHandler(async (req, res, body) => {
      const ok = await shopify.webhooks.validate({ rawBody: body, rawRequest: req, rawResponse: res });
      const bad = await shopify.webhooks.validate({
        rawBody: body.replace(/^\{/, '{ '),
        rawRequest: req,
        rawResponse: res,
      });
      verdicts.push(
        { valid: ok.valid, topic: ok.valid ? ok.topic : undefined, tampered: false },
        { valid: bad.valid, tampered: true },
      );
      return ok.valid ? 200 : 401;
    });
    order('validate');
    await h.sim.waitForIdleWebhooks();
    const create = verdicts.filter((v) => v.topic === 'ORDERS_CREATE');
    expect(create).toHaveLength(1);
    expect(verdicts.filter((v) => !v.tampered).every((v) => v.valid)).toBe(true);
    expect(verdicts.filter((v) => v.tampered).every((v) => !v.valid)).toBe(true);
    expect(h.sim.webhookLog().every((d) => d.status === 'delivered')).toBe(true);
  });

  it('retries failures (non-2xx, redirects) with backoff until a 2xx, keeping ids and body', async () => {
    let calls = 0;
    app.setHandler((req) => {
      if (req.headers['x-shopify-topic'] !== 'orders/create') return 200;
      calls++;
      return calls === 1 ? 500 : calls === 2 ? 302 : 200;
    });
    order('retry');
    await h.sim.waitForIdleWebhooks();
    const [d] = h.sim.webhookLog({ topic: 'orders/create' });
    expect(d?.attempts.map((a) => a.status)).toEqual([500, 302, 200]);
    expect(d?.status).toBe('delivered');
    const got = app.received.filter(isCreate);
    expect(new Set(got.map((r) => r.headers['x-shopify-webhook-id'])).size).toBe(1);
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
  });

  it('gives up after 8 retries', async () => {
    app.setHandler((req) => (req.headers['x-shopify-topic'] === 'orders/create' ? 503 : 200));
    order('dead');
    await h.sim.waitForIdleWebhooks();
    const [d] = h.sim.webhookLog({ topic: 'orders/create' });
    expect(d?.attempts).toHaveLength(9);
    expect(d?.status).toBe('failed');
  });

  it('drops, duplicates and replays on demand', async () => {
    h.sim.control.setChaos({ dropNext: [{ topic: 'orders/create', count: 1 }] });
    order('dropped');
    await h.sim.waitForIdleWebhooks();
    expect(app.received.filter(isCreate)).toHaveLength(0);
    expect(h.sim.webhookLog({ topic: 'orders/create' })[0]?.status).toBe('dropped');

    h.sim.control.setChaos({ duplicateRate: 1 });
    order('twice');
    await h.sim.waitForIdleWebhooks();
    const dup = app.received.filter(isCreate);
    expect(dup).toHaveLength(2);
    expect(dup[0]?.headers['x-shopify-event-id']).toBe(dup[1]?.headers['x-shopify-event-id']);

    h.sim.control.setChaos({ duplicateRate: 0 });
    const original = h.sim.webhookLog({ topic: 'orders/create', status: 'delivered' })[0];
    const replay = h.sim.control.replayWebhook(original?.id ?? '');
    await h.sim.waitForIdleWebhooks();
    const replayed = app.received.filter((r) => r.headers['x-shopify-webhook-id'] === replay.id);
    expect(replayed).toHaveLength(1);
    expect(replayed[0]?.body).toBe(original?.body);
    expect(replayed[0]?.headers['x-shopify-event-id']).not.toBe(original?.eventId);
  });

  it('reorders: a held delivery arrives after the next one', async () => {
    h.sim.control.setChaos({ reorderRate: 1 });
    const first = order('first');
    h.sim.control.setChaos({ reorderRate: 0 });
    const second = order('second');
    await h.sim.waitForIdleWebhooks();
    const names = app.received.filter(isCreate).map((r) => (JSON.parse(r.body) as { name: string }).name);
    expect(names).toEqual([second.name, first.name]);
  });
});
