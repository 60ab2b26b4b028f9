import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelAccounts, emailOutbox, inboxEvents } from '../../drizzle/schema/index.js';
import { createChannelAccountsRepo } from '../../core/db/channel-accounts-repo.js';
import { channelInboxSource } from '../../core/integrations/channels/inbox-body.js';
import { createAmazonSim, type AmazonSim } from '../../sim/amazon/index.js';
import { seedShopWithWarehouses, startRealApp, type RealApp } from '../helpers/real-app.js';
import { marketplaceSteps } from '../helpers/marketplace-e2e.js';
import { waitFor } from '../helpers/wait.js';

describe('an Amazon seller account, end to end through its simulator, its SQS queue and the 3PL robot', () => {
  let r: RealApp;
  let sim: AmazonSim;
  let shopId: number;
  let accountId: number;
  let key: string;
  const { poll, ourOrder, storedOrder, readyAllocations, allocated, cancelled, liveAllocations, shipWithRobot } =
    marketplaceSteps(() => ({ r, shopId, accountId, key }), 'amazon-fr');
  const account = async () =>
    (await r.t.ctx.db.select().from(channelAccounts).where(eq(channelAccounts.id, accountId)))[0]!;

  beforeAll(async () => {
    r = await startRealApp({ workers: ['ingest', 'route', 'dispatch', 'fulfill', 'channels', 'inventory-sync'] });
    sim = createAmazonSim({ clientSecret: 'e2e-secret', refreshToken: 'Atzr|e2e', storeName: 'Maison Test' });
    const simUrl = await sim.start(0);
    for (const sku of ['BOL-BLEU', 'TASSE-ROSE']) sim.state.setListing(sku, 0);
    const shop = await seedShopWithWarehouses(r.t, { stock: { 'BOL-BLEU': 10, 'TASSE-ROSE': 4 } });
    shopId = shop.shopId;
    key = shop.warehouses[0]!.key;
    accountId = (
      await createChannelAccountsRepo(r.t.ctx.db).create(shopId, {
        kind: 'amazon',
        code: 'amazon-fr',
        name: 'Amazon.fr',
        baseUrl: simUrl,
        credentialsEnc: r.t.ctx.channels.sealCredentials('amazon', {
          clientId: sim.credentials.clientId,
          clientSecret: 'e2e-secret',
          refreshToken: 'Atzr|e2e',
        }),
        settings: {
          kind: 'amazon',
          sellerId: sim.state.sellerId,
          marketplaceId: sim.state.marketplaceId,
          lwaUrl: `${simUrl}/auth/o2/token`,
          queueUrl: sim.queueUrl,
          pollEveryMs: 60_000,
          // one sweep in the whole test: every later order must come through the queue
          sweepEveryMs: 3_600_000,
          waitTimeSeconds: 0,
          visibilityTimeoutSeconds: 1,
        },
      })
    ).id;
    await poll();
    await waitFor('first sweep done', async () => (await account()).lastSyncAt !== null);
  });
  afterAll(async () => {
    await sim?.stop();
    await r?.close();
  });

  it('takes an order in from its ORDER_CHANGE notification, routes it, the 3PL ships it, and Amazon shows the package with its carrier code and tracking number', async () => {
    const placed = sim.state.placeOrder({
      lines: [
        { sku: 'BOL-BLEU', quantity: 2 },
        { sku: 'TASSE-ROSE', quantity: 1 },
      ],
      address: { postalCode: '69003', city: 'Lyon' },
    });
    await poll();
    const first = await storedOrder(placed.orderId);
    expect(first).toMatchObject({ channel: 'amazon-fr', countryCode: 'FR', zip: '69003' });
    // it came through the queue: one sweep (before it was placed), then getOrder
    expect(sim.calls.filter((c) => c.operation === 'searchOrders')).toHaveLength(1);
    expect(sim.calls.some((c) => c.operation === 'getOrder' && c.status === 200)).toBe(true);
    await waitFor('notification deleted', () => sim.queue.list().length === 0);
    await readyAllocations(first.id);

    const parcel = await shipWithRobot('amazon-e2e');
    const pkg = await waitFor('shipped on Amazon', () =>
      sim.state.get(placed.orderId).fulfillment?.fulfillmentStatus === 'SHIPPED'
        ? sim.state.packagesOf(placed.orderId)[0]
        : null,
    );
    expect(pkg).toMatchObject({
      carrierCode: 'Colissimo',
      carrierName: null,
      trackingNumber: parcel.trackingNumbers[0],
    });
    expect(pkg.packageItems).toHaveLength(2);

    // the stock it used reaches the listings through patchListingsItem
    await waitFor(
      'listings updated on Amazon',
      () =>
        sim.state.listings().find((l) => l.sku === 'BOL-BLEU')?.quantity === 8 &&
        sim.state.listings().find((l) => l.sku === 'TASSE-ROSE')?.quantity === 3,
    );
    const acct = await waitFor('push recorded', async () => ((await account()).lastStockPushAt ? account() : null));
    expect(acct.lastError).toBeNull();
    // a marketplace order never writes to the buyer
    expect(await r.t.ctx.db.select().from(emailOutbox).where(eq(emailOutbox.orderId, first.id))).toEqual([]);
  });

  it('makes one order of duplicate and out-of-order notifications', async () => {
    // placed unpaid, then paid: two notifications, delivered newest first, each delivered twice
    const placed = sim.state.placeOrder({ lines: [{ sku: 'BOL-BLEU', quantity: 1 }], status: 'PENDING' });
    sim.state.pay(placed.orderId);
    expect(sim.queue.duplicate(placed.orderId)).toBe(2);
    sim.queue.reverse();
    expect(sim.queue.list().filter((m) => m.Body.includes(placed.orderId))).toHaveLength(4);
    await poll();
    await waitFor('routed', async () =>
      ['routed', 'dispatched'].includes((await ourOrder(placed.orderId))[0]?.status ?? ''),
    );
    await waitFor('every notification deleted', () => sim.queue.list().length === 0);
    const rows = await ourOrder(placed.orderId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.financialStatus).toBe('PAID');
    const versions = (
      await r.t.ctx.db
        .select()
        .from(inboxEvents)
        .where(eq(inboxEvents.source, channelInboxSource(accountId)))
    ).filter((e) => e.eventId.startsWith(`${placed.orderId}@`));
    expect(versions).toHaveLength(1);
    expect(await liveAllocations(rows[0]!.id)).toHaveLength(1);
  });

  it('passes a cancellation on Amazon to the 3PL', async () => {
    const placed = sim.state.placeOrder({ lines: [{ sku: 'TASSE-ROSE', quantity: 1 }] });
    await poll();
    const o = await storedOrder(placed.orderId);
    await allocated(o.id);
    sim.state.cancel(placed.orderId);
    await poll();
    await cancelled(placed.orderId, o.id);
  });

  it('keeps what a throttled getOrder let it read, and takes the other notifications when they come back', async () => {
    await waitFor('queue drained', () => sim.queue.list().length === 0 || (void poll(), false));
    sim.setUsagePlans({ getOrder: { rate: 0.001, burst: 1 } });
    const ids = [1, 2, 3].map(() => sim.state.placeOrder({ lines: [{ sku: 'BOL-BLEU', quantity: 1 }] }).orderId);
    const stored = async () => (await Promise.all(ids.map((id) => ourOrder(id)))).filter((x) => x.length).length;
    await poll();
    await waitFor('one read, two left on the queue', async () => {
      const left = sim.queue.list().filter((m) => ids.some((id) => m.Body.includes(id)));
      return (await stored()) === 1 && left.length === 2;
    });
    expect(sim.calls.some((c) => c.operation === 'getOrder' && c.status === 429)).toBe(true);
    sim.setUsagePlans({ getOrder: { rate: 0.5, burst: 30 } });
    await waitFor('all three stored', async () => {
      if ((await stored()) === 3) return true;
      await poll();
      return false;
    });
    await waitFor(
      'their notifications deleted',
      () => !sim.queue.list().some((m) => ids.some((id) => m.Body.includes(id))),
    );
  });
});
