import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelAccounts, inboxEvents } from '../../drizzle/schema/index.js';
import { createChannelAccountsRepo } from '../../core/db/channel-accounts-repo.js';
import { createInboxRepo } from '../../core/db/inbox-repo.js';
import { CHANNEL_ORDER_TOPIC, channelInboxSource } from '../../core/integrations/channels/inbox-body.js';
import { seedShopWithWarehouses, startRealApp, type RealApp } from '../helpers/real-app.js';
import { createMiraklSim, type MiraklSim } from '../../sim/mirakl/index.js';
import { marketplaceSteps } from '../helpers/marketplace-e2e.js';
import { waitFor } from '../helpers/wait.js';

describe('a Mirakl operator, end to end through its simulator and the 3PL robot', () => {
  let r: RealApp;
  let sim: MiraklSim;
  let shopId: number;
  let accountId: number;
  let key: string;
  const {
    poll,
    ourOrder,
    allocationsOf,
    storedOrder,
    readyAllocations,
    allocated,
    cancelled,
    liveAllocations,
    shipWithRobot,
  } = marketplaceSteps(() => ({ r, shopId, accountId, key }), 'fnac');

  beforeAll(async () => {
    r = await startRealApp({ workers: ['ingest', 'route', 'dispatch', 'fulfill', 'channels', 'inventory-sync'] });
    sim = createMiraklSim({ apiKey: 'fnac-shop-key', shopName: 'Maison Test' });
    const simUrl = await sim.start(0);
    for (const sku of ['BOL-BLEU', 'TASSE-ROSE']) sim.state.setOffer(sku, 0);
    const shop = await seedShopWithWarehouses(r.t, { stock: { 'BOL-BLEU': 10, 'TASSE-ROSE': 4 } });
    shopId = shop.shopId;
    key = shop.warehouses[0]!.key;
    const account = await createChannelAccountsRepo(r.t.ctx.db).create(shopId, {
      kind: 'mirakl',
      code: 'fnac',
      name: 'Fnac Darty',
      baseUrl: simUrl,
      credentialsEnc: r.t.ctx.channels.sealCredentials('mirakl', { apiKey: 'fnac-shop-key' }),
      settings: {
        kind: 'mirakl',
        carriers: sim.state.carriers.map((c) => ({ code: c.code, label: c.label })),
        pageSize: 10,
        pollEveryMs: 0,
        stockEveryMs: 0,
      },
    });
    accountId = account.id;
  });
  afterAll(async () => {
    await sim?.stop();
    await r?.close();
  });

  it('takes the order in, accepts it, routes it, the 3PL ships it, and the operator shows it shipped with its carrier code and tracking', async () => {
    const placed = sim.state.placeOrder({
      lines: [
        { sku: 'BOL-BLEU', quantity: 2 },
        { sku: 'TASSE-ROSE', quantity: 1 },
      ],
      address: { zip_code: '69003', city: 'Lyon' },
    });
    await poll();
    const first = await storedOrder(placed.order_id);
    expect(first).toMatchObject({ channel: 'fnac', countryCode: 'FR', zip: '69003' });
    // our poll accepted it; the debit is immediate in this simulator, so the next read finds it SHIPPING
    await waitFor('accepted on Mirakl', () => sim.state.get(placed.order_id).order_state === 'SHIPPING');
    await poll();
    const [alloc] = await readyAllocations(first.id);
    expect(alloc!.status).toBe('ready');

    const parcel = await shipWithRobot('mirakl-e2e');
    const shipped = await waitFor('shipped on Mirakl', () =>
      sim.state.get(placed.order_id).order_state === 'SHIPPED' ? sim.state.get(placed.order_id) : null,
    );
    expect(shipped.shipping_carrier_code).toBe('COLISSIMO');
    expect(shipped.shipping_tracking).toBe(parcel.trackingNumbers[0]);
    expect(shipped.shipping_tracking_url).toContain(parcel.trackingNumbers[0]);
    const calls = sim.calls.filter((c) => c.status === 200).map((c) => c.operation);
    expect(calls.indexOf('OR23')).toBeLessThan(calls.indexOf('OR24'));

    // the stock it used is told to the operator through the stock import
    await waitFor(
      'offers updated on Mirakl',
      () =>
        sim.state.offers().find((o) => o.sku === 'BOL-BLEU')?.quantity === 8 &&
        sim.state.offers().find((o) => o.sku === 'TASSE-ROSE')?.quantity === 3,
    );
    const acct = await waitFor('push recorded', async () =>
      (await r.t.ctx.db.select().from(channelAccounts).where(eq(channelAccounts.id, accountId))).find(
        (a) => a.lastStockPushAt,
      ),
    );
    expect(acct.lastSyncAt).not.toBeNull();
    expect(acct.lastError).toBeNull();
  });

  it('makes one order of duplicate and out-of-order versions', async () => {
    const placed = sim.state.placeOrder({ lines: [{ sku: 'BOL-BLEU', quantity: 1 }] });
    await poll();
    await storedOrder(placed.order_id);
    await waitFor('accepted', () => sim.state.get(placed.order_id).order_state === 'SHIPPING');
    // the same versions read again (a re-poll from an old cursor) and an older version arriving last
    await r.t.ctx.db.update(channelAccounts).set({ cursor: null }).where(eq(channelAccounts.id, accountId));
    await poll();
    await poll();
    await waitFor('newest version routed', async () =>
      ['routed', 'dispatched'].includes((await ourOrder(placed.order_id))[0]!.status),
    );
    // an older version of the order (an hour before) arriving after the newer ones
    const [read] = await r.t.ctx.db
      .select()
      .from(inboxEvents)
      .where(
        and(
          eq(inboxEvents.source, channelInboxSource(accountId)),
          eq(inboxEvents.eventId, `${placed.order_id}@${placed.created_date}`),
        ),
      );
    const body = JSON.parse(read!.body) as { order: Record<string, unknown> };
    const stale = JSON.stringify({
      ...body,
      order: { ...body.order, updatedAt: new Date(Date.now() - 3_600_000).toISOString() },
    });
    const [ins] = await createInboxRepo(r.t.ctx.db).insertMany([
      {
        source: channelInboxSource(accountId),
        eventId: `${placed.order_id}@old`,
        shopDomain: read!.shopDomain,
        topic: CHANNEL_ORDER_TOPIC,
        body: stale,
      },
    ]);
    await r.t.ctx.queues.add('ingest', { inboxId: ins!.id }, { jobId: `inbox-${ins!.id}-stale` });
    await waitFor(
      'stale version processed',
      async () =>
        (await r.t.ctx.db.select().from(inboxEvents).where(eq(inboxEvents.id, ins!.id)))[0]!.status === 'processed',
    );
    const rows = await ourOrder(placed.order_id);
    expect(rows).toHaveLength(1);
    expect(['routed', 'dispatched']).toContain(rows[0]!.status);
    expect(await liveAllocations(rows[0]!.id)).toHaveLength(1);
  });

  it('passes a cancellation on the marketplace to the 3PL like a Shopify cancellation', async () => {
    const placed = sim.state.placeOrder({ lines: [{ sku: 'TASSE-ROSE', quantity: 1 }] });
    await poll();
    await waitFor('accepted', () => sim.state.get(placed.order_id).order_state === 'SHIPPING');
    await poll();
    const o = await storedOrder(placed.order_id);
    await allocated(o.id);
    sim.state.cancel(placed.order_id);
    await poll();
    // the same path as a Shopify cancellation: untaken allocations are withdrawn from the feed and their stock released
    await cancelled(placed.order_id, o.id);
    const leased = await fetch(`${r.url}/feed/v1/allocations/lease`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
    }).then((x) => x.json() as Promise<{ items: { id: number }[] }>);
    const ids = (await allocationsOf(o.id)).map((a) => a.id);
    expect(leased.items.filter((i) => ids.includes(i.id))).toEqual([]);
  });
});
