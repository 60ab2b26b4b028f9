import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelAccounts, orders } from '../../drizzle/schema/index.js';
import { createChannelAccountsRepo } from '../../core/db/channel-accounts-repo.js';
import { seedShopWithWarehouses, startRealApp, type RealApp } from '../helpers/real-app.js';
import { createAmazonSim, type AmazonSim } from '../../sim/amazon/index.js';
import { createMiraklSim, type MiraklSim } from '../../sim/mirakl/index.js';
import { scheduleChannelPolls } from '../../workers/channels.js';
import { waitFor } from '../helpers/wait.js';

/** The ten minutes of the requirement, shortened: the mechanism does not depend on the length. */
const OUTAGE_MS = 10_000;

describe('one marketplace down delays no other', () => {
  let r: RealApp;
  const sims: Record<string, MiraklSim> = {};
  let amazon: AmazonSim;
  let shopId: number;
  const ids: Record<string, number> = {};
  const orderOf = (channel: string, externalId: string) =>
    r.t.ctx.db
      .select()
      .from(orders)
      .where(and(eq(orders.shopId, shopId), eq(orders.channel, channel), eq(orders.externalId, externalId)));

  beforeAll(async () => {
    r = await startRealApp({ workers: ['ingest', 'route', 'channels', 'inventory-sync'] });
    const shop = await seedShopWithWarehouses(r.t, { stock: { 'BOL-BLEU': 50 } });
    shopId = shop.shopId;
    for (const code of ['fnac', 'darty']) {
      const sim = createMiraklSim({ apiKey: `${code}-key` });
      const url = await sim.start(0);
      sim.state.setOffer('BOL-BLEU', 0);
      sims[code] = sim;
      ids[code] = (
        await createChannelAccountsRepo(r.t.ctx.db).create(shopId, {
          kind: 'mirakl',
          code,
          name: code,
          baseUrl: url,
          credentialsEnc: r.t.ctx.channels.sealCredentials('mirakl', { apiKey: `${code}-key` }),
          settings: { kind: 'mirakl', carriers: [], pageSize: 50, pollEveryMs: 250, stockEveryMs: 0 },
        })
      ).id;
    }
    amazon = createAmazonSim({ visibilityTimeoutSeconds: 1 });
    const amazonUrl = await amazon.start(0);
    amazon.state.setListing('BOL-BLEU', 0);
    ids.amazon = (
      await createChannelAccountsRepo(r.t.ctx.db).create(shopId, {
        kind: 'amazon',
        code: 'amazon-fr',
        name: 'Amazon.fr',
        baseUrl: amazonUrl,
        credentialsEnc: r.t.ctx.channels.sealCredentials('amazon', amazon.credentials),
        settings: {
          kind: 'amazon',
          sellerId: amazon.state.sellerId,
          marketplaceId: amazon.state.marketplaceId,
          lwaUrl: `${amazonUrl}/auth/o2/token`,
          queueUrl: amazon.queueUrl,
          pollEveryMs: 250,
          waitTimeSeconds: 0,
          visibilityTimeoutSeconds: 1,
        },
      })
    ).id;
    // the real schedulers, as the maintenance worker sets them up
    expect(await scheduleChannelPolls(r.t.ctx)).toMatchObject({ accounts: 3 });
  });
  afterAll(async () => {
    for (const s of Object.values(sims)) await s.stop();
    await amazon?.stop();
    await r?.close();
  });

  it("keeps taking the healthy operator's orders and stock while the other answers 503 then 429, and the failing one catches up", async () => {
    sims.fnac!.setFault({ status: 503, forMs: OUTAGE_MS / 2 });
    const started = Date.now();
    const down = sims.fnac!.state.placeOrder({ lines: [{ sku: 'BOL-BLEU', quantity: 1 }] });
    const up = sims.darty!.state.placeOrder({ lines: [{ sku: 'BOL-BLEU', quantity: 2 }] });
    await waitFor('darty order routed', async () => (await orderOf('darty', up.order_id))[0]?.status === 'routed');
    // still inside fnac's outage
    expect(Date.now() - started).toBeLessThan(OUTAGE_MS / 2);
    expect(sims.fnac!.calls.filter((c) => c.status === 503).length).toBeGreaterThan(0);
    expect(await orderOf('fnac', down.order_id)).toHaveLength(0);
    const [failing] = await r.t.ctx.db.select().from(channelAccounts).where(eq(channelAccounts.id, ids.fnac!));
    expect(failing!.lastError).toMatch(/503/);
    // then it throttles for the rest of the outage
    sims.fnac!.setFault({ status: 429, forMs: OUTAGE_MS / 2, retryAfterSeconds: 1 });
    // the healthy operator's stock follows the reservation meanwhile
    await waitFor('darty offer updated', () => sims.darty!.state.offers()[0]?.quantity === 48);

    await waitFor(
      'fnac catches up',
      async () => (await orderOf('fnac', down.order_id))[0]?.status === 'routed',
      OUTAGE_MS * 4,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(OUTAGE_MS / 2);
    await waitFor(
      'fnac healthy again',
      async () =>
        (await r.t.ctx.db.select().from(channelAccounts).where(eq(channelAccounts.id, ids.fnac!)))[0]!.lastError ===
        null,
    );
    await waitFor('fnac offer caught up', () => sims.fnac!.state.offers()[0]?.quantity === 47, OUTAGE_MS * 4);
  });

  it('keeps taking the Mirakl orders while Amazon answers 503 then throttles, and Amazon catches up from its queue', async () => {
    // one unbroken outage whatever the pace of the test: 503 for half of it, then 429
    amazon.setFault({ status: 503, forMs: OUTAGE_MS / 2 });
    const throttle = setTimeout(() => amazon.setFault({ status: 429, forMs: OUTAGE_MS / 2 }), OUTAGE_MS / 2);
    const started = Date.now();
    try {
      const down = amazon.state.placeOrder({ lines: [{ sku: 'BOL-BLEU', quantity: 1 }] });
      const up = sims.darty!.state.placeOrder({ lines: [{ sku: 'BOL-BLEU', quantity: 1 }] });
      await waitFor('darty order routed', async () => (await orderOf('darty', up.order_id))[0]?.status === 'routed');
      expect(Date.now() - started).toBeLessThan(OUTAGE_MS / 2);
      expect(amazon.calls.filter((c) => c.status === 503).length).toBeGreaterThan(0);
      // a healthy channel's stock follows its order while Amazon's is still out
      await waitFor('darty offer updated', () => sims.darty!.state.offers()[0]?.quantity === 46);
      expect(Date.now() - started).toBeLessThan(OUTAGE_MS);
      expect(await orderOf('amazon-fr', down.orderId)).toHaveLength(0);
      // the notification was not acknowledged: it is still on the queue
      expect(amazon.queue.list().some((m) => m.Body.includes(down.orderId))).toBe(true);
      // the failures were recorded (a poll that finds the queue empty in between reads as healthy again)
      await waitFor(
        'amazon failure recorded',
        async () =>
          (await r.t.ctx.db.select().from(channelAccounts).where(eq(channelAccounts.id, ids.amazon!)))[0]!
            .lastErrorAt !== null,
      );

      await waitFor(
        'amazon catches up',
        async () => (await orderOf('amazon-fr', down.orderId))[0]?.status === 'routed',
        OUTAGE_MS * 4,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(OUTAGE_MS);
      await waitFor('amazon queue drained', () => !amazon.queue.list().some((m) => m.Body.includes(down.orderId)));
      await waitFor(
        'amazon healthy again',
        async () =>
          (await r.t.ctx.db.select().from(channelAccounts).where(eq(channelAccounts.id, ids.amazon!)))[0]!.lastError ===
          null,
      );
      await waitFor('amazon listing caught up', () => amazon.state.listings()[0]?.quantity === 45, OUTAGE_MS * 4);
    } finally {
      clearTimeout(throttle);
    }
  });
});
