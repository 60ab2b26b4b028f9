import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedWebhookDeliveries } from '../../drizzle/schema/index.js';
import { createAllocationsRepo } from '../../core/db/allocations-repo.js';
import { putWebhookSubscription } from '../../core/use-cases/feed/webhook-subscription.js';
import { deliverDueWebhooks } from '../../core/use-cases/feed/deliver-webhooks.js';
import { cancelOrderAllocations } from '../../core/use-cases/routing/cancel-order-allocations.js';
import { buildApp } from '../../server/app.js';
import { startFeedWebhookDelivery } from '../../workers/feed-webhooks.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { waitFor } from '../helpers/wait.js';
import { seedFeedWarehouse } from './feed-setup.js';

interface Received {
  headers: Record<string, string>;
  body: string;
  at: number;
}

describe('feed webhooks: signed, announced at once, retried with backoff', () => {
  let t: TestContext;
  let app: FastifyInstance;
  let server: Server;
  let url: string;
  const received: Received[] = [];
  let answer = 200;
  let seeded: Awaited<ReturnType<typeof seedFeedWarehouse>>;
  let secret: string;

  beforeAll(async () => {
    t = await createTestContext({ PUSH_ALLOW_PRIVATE_NETWORK: 'true' });
    app = await buildApp(t.ctx, { logger: false });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers as Record<string, string>, body, at: Date.now() });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    seeded = await seedFeedWarehouse(t);
    const sub = await app.inject({
      method: 'PUT',
      url: '/feed/v1/webhook-subscription',
      headers: { authorization: `Bearer ${seeded.key}` },
      payload: { url },
    });
    expect(sub.statusCode).toBe(200);
    secret = sub.json().secret;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await app.close();
    await t.close();
  });

  it('tells of a new allocation within a second, signed the Standard Webhooks way', async () => {
    const loop = await startFeedWebhookDelivery(t.ctx, { sweepMs: 60_000 });
    try {
      const { allocationId } = await seeded.newAllocation();
      const committed = Date.now();
      await waitFor('the webhook', () => received.length >= 1, 5_000);
      expect(received[0]!.at - committed).toBeLessThan(1_000);
      const payload = new Webhook(secret).verify(received[0]!.body, received[0]!.headers) as {
        type: string;
        data: { allocationId: number; status: string };
      };
      expect(payload).toMatchObject({ type: 'allocation.ready', data: { allocationId, status: 'ready' } });
      expect(() =>
        new Webhook(`whsec_${Buffer.from('another-secret-of-32-bytes-long!').toString('base64')}`).verify(
          received[0]!.body,
          received[0]!.headers,
        ),
      ).toThrow();
      const [row] = await t.ctx.db
        .select()
        .from(feedWebhookDeliveries)
        .where(eq(feedWebhookDeliveries.messageId, received[0]!.headers['webhook-id']!));
      await waitFor(
        'delivered',
        async () =>
          (await t.ctx.db.select().from(feedWebhookDeliveries).where(eq(feedWebhookDeliveries.id, row!.id)))[0]!
            .status === 'delivered',
        5_000,
      );
    } finally {
      await loop.close();
    }
  });

  it('sends a retry when it comes due, with no notification and no sweep in between', async () => {
    received.length = 0;
    answer = 503;
    const loop = await startFeedWebhookDelivery(t.ctx, { sweepMs: 60_000 });
    try {
      await seeded.newAllocation();
      await waitFor('the first attempt', () => received.length >= 1, 5_000);
      const failedAt = received[0]!.at;
      answer = 200;
      // the first retry waits webhookBackoffMs[0] (5 s); the loop is armed for it, not for the sweep
      await waitFor('the retry', () => received.length >= 2, 9_000);
      expect(received[1]!.headers['webhook-id']).toBe(received[0]!.headers['webhook-id']);
      expect(received[1]!.at - failedAt).toBeGreaterThanOrEqual(4_900);
      expect(received[1]!.at - failedAt).toBeLessThan(7_000);
    } finally {
      await loop.close();
    }
  });

  it('retries a failed delivery with the same webhook-id, and gives up when the schedule runs out', async () => {
    received.length = 0;
    answer = 503;
    const { allocationId, orderId } = await seeded.newAllocation();
    const deps = { db: t.ctx.db, cipher: t.ctx.cipher, log: t.ctx.log, net: t.ctx.config.push, backoffMs: [1_000] };
    expect(await deliverDueWebhooks(deps, { limit: 10 })).toBe(1);
    const [failed] = await t.ctx.db
      .select()
      .from(feedWebhookDeliveries)
      .where(eq(feedWebhookDeliveries.messageId, received[0]!.headers['webhook-id']!));
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastError: 'answered 503' });
    // not due yet: nothing is sent
    expect(await deliverDueWebhooks(deps, { limit: 10 })).toBe(0);
    await new Promise((r) => setTimeout(r, 1_100));
    answer = 200;
    expect(await deliverDueWebhooks(deps, { limit: 10 })).toBe(1);
    expect(received.map((r) => r.headers['webhook-id'])).toEqual([failed!.messageId, failed!.messageId]);
    expect(
      (await t.ctx.db.select().from(feedWebhookDeliveries).where(eq(feedWebhookDeliveries.id, failed!.id)))[0],
    ).toMatchObject({ status: 'delivered', attempts: 2 });

    // a cancellation request is announced too; a receiver that keeps failing exhausts the schedule
    await t.ctx.db.transaction(async (tx) => {
      await createAllocationsRepo(tx).transition(seeded.shop.id, allocationId, ['ready'], 'acknowledged');
      await cancelOrderAllocations(tx, seeded.shop.id, orderId, 'merchant');
    });
    answer = 500;
    received.length = 0;
    expect(await deliverDueWebhooks({ ...deps, backoffMs: [] }, { limit: 10 })).toBe(1);
    const payload = new Webhook(secret).verify(received[0]!.body, received[0]!.headers);
    expect(payload).toMatchObject({
      type: 'allocation.cancel_requested',
      data: { allocationId, status: 'cancel_requested' },
    });
    expect(
      (
        await t.ctx.db
          .select()
          .from(feedWebhookDeliveries)
          .where(eq(feedWebhookDeliveries.messageId, received[0]!.headers['webhook-id']!))
      )[0],
    ).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('never posts to a private address where only public hosts are allowed, and keeps a reason that says nothing about the network', async () => {
    received.length = 0;
    answer = 200;
    await seeded.newAllocation();
    const strict = {
      db: t.ctx.db,
      cipher: t.ctx.cipher,
      log: t.ctx.log,
      net: { allowPrivateNetwork: true, requireHttps: true },
      backoffMs: [60_000],
    };
    expect(await deliverDueWebhooks(strict, { limit: 10 })).toBe(1);
    expect(received).toEqual([]);
    const [insecure] = await t.ctx.db
      .select()
      .from(feedWebhookDeliveries)
      .where(eq(feedWebhookDeliveries.status, 'pending'));
    expect(insecure!.lastError).toBe('the URL must use https');

    await t.ctx.db
      .update(feedWebhookDeliveries)
      .set({ nextAttemptAt: new Date(0) })
      .where(eq(feedWebhookDeliveries.id, insecure!.id));
    expect(
      await deliverDueWebhooks({ ...strict, net: { allowPrivateNetwork: false, requireHttps: false } }, { limit: 10 }),
    ).toBe(1);
    expect(received).toEqual([]);
    const [blocked] = await t.ctx.db
      .select()
      .from(feedWebhookDeliveries)
      .where(eq(feedWebhookDeliveries.id, insecure!.id));
    expect(blocked!.lastError).toBe('the URL resolves to an address that is not allowed');
    await t.ctx.db
      .update(feedWebhookDeliveries)
      .set({ status: 'failed' })
      .where(eq(feedWebhookDeliveries.id, insecure!.id));
  });

  it('takes only an https URL where https is required (production)', async () => {
    const who = { keyId: 0, shopId: seeded.shop.id, warehouseId: seeded.warehouse.id };
    await expect(
      putWebhookSubscription(
        { db: t.ctx.db, cipher: t.ctx.cipher, requireHttps: true },
        { who, url: 'http://3pl.example/hooks', events: ['allocation.ready'], rotateSecret: false },
      ),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
  });

  it('sends nothing once the 3PL unsubscribes', async () => {
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: '/feed/v1/webhook-subscription',
          headers: { authorization: `Bearer ${seeded.key}` },
        })
      ).statusCode,
    ).toBe(204);
    received.length = 0;
    await seeded.newAllocation();
    expect(
      await deliverDueWebhooks(
        { db: t.ctx.db, cipher: t.ctx.cipher, log: t.ctx.log, net: t.ctx.config.push },
        { limit: 10 },
      ),
    ).toBe(0);
    expect(received).toEqual([]);
  });
});
