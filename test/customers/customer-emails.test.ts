import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, emailOutbox, shipmentDelays, shipments } from '../../drizzle/schema/index.js';
import { createOrdersRepo } from '../../core/db/orders-repo.js';
import { detectDelays } from '../../core/use-cases/customers/detect-delays.js';
import { sendStockDigests } from '../../core/use-cases/customers/send-stock-digest.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../../sim/smtp/smtp-sink.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';
import { ingestedOrder, LYON_CUSTOMER, shipThroughFeed } from '../helpers/shipped-order.js';
import { installedShop, lyonWarehouse, shopCallers } from '../helpers/sim-shop-setup.js';
import { waitFor } from '../helpers/wait.js';

const SHOP = 'maison-mail.myshopify.com';
const address = LYON_CUSTOMER;

describe('customer e-mails and the tracking page, with a real SMTP server', () => {
  let s: SimApp;
  let sink: SmtpSink;
  let workers: StartedWorkers;
  let token: string;
  let shopId: number;
  let key: string;
  let n = 0;

  const { admin, feed } = shopCallers(
    () => s,
    () => token,
    () => key,
  );
  const mailsTo = (to: string) => sink.messages().filter((m) => m.to.includes(to));
  const customerDeps = () => ({ appUrl: s.appUrl, appCanSend: true, queues: s.t.ctx.queues, log: s.t.ctx.log });

  /** Places an order in the simulator and ships all of it through the feed; returns ids. */
  async function placeAndShip(opts: { email: string; locale?: string; idempotencyKey?: string }) {
    const placed = s.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'BOL-BLEU', quantity: 2 }],
      shippingAddress: address,
      financialStatus: 'paid',
      email: opts.email,
      customer: { email: opts.email, firstName: 'Léa' },
      ...(opts.locale ? { customerLocale: opts.locale } : {}),
    });
    const order = await ingestedOrder(s, shopId, placed.gid);
    const shipped = await shipThroughFeed(s, feed, {
      domain: SHOP,
      orderId: order.id,
      shopifyOrderId: placed.id,
      trackingNumber: `6A1234567890${n++}`,
      idempotencyKey: opts.idempotencyKey ?? `parcel-${placed.id}`,
      acknowledge: true,
    });
    return {
      placed,
      order,
      allocationId: shipped.allocation.id,
      shipmentId: shipped.shipmentId,
      ship: shipped.replay,
    };
  }

  async function expectLinksResolve(m: SinkMessage, carrierUrl: string) {
    const hrefs = [...(m.html ?? '').matchAll(/href="([^"]+)"/g)].map((x) => x[1]!.replace(/&amp;/g, '&'));
    expect(hrefs.length).toBeGreaterThan(0);
    const ours = hrefs.filter((h) => h.startsWith(s.appUrl));
    expect(ours.length).toBeGreaterThan(0);
    for (const h of hrefs) {
      if (h.startsWith(s.appUrl)) {
        const res = await fetch(h);
        expect(res.status, h).toBe(200);
        expect(res.headers.get('content-type')).toContain('text/html');
      } else {
        expect(h).toBe(carrierUrl);
      }
    }
    // the plain-text part carries the same tracking page link
    expect(m.text).toContain(ours[0]);
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    s = await startSimApp({ env: { SMTP_URL: sink.url, EMAIL_FROM: 'Maison Test <bonjour@maison.test>' } });
    workers = await startWorkers(s.t.ctx, ['ingest', 'route', 'dispatch', 'fulfill', 'reconcile', 'email']);
    token = await simShop(s.sim, SHOP, [{ sku: 'BOL-BLEU', price: 18 }]);
    const lyon = s.sim.control.createLocation(SHOP, {
      name: 'Lyon',
      address: { address1: '2 rue B', city: 'Lyon', zip: '69007', countryCode: 'FR', latitude: 45.73, longitude: 4.83 },
    });
    s.sim.control.setStock(SHOP, { sku: 'BOL-BLEU', locationId: lyon.id, onHand: 500 });
    shopId = await installedShop(s, SHOP, admin);
    ({ key } = await lyonWarehouse(admin, lyon, 'mail'));
    expect(
      (
        await feed('POST', '/inventory-snapshots', {
          snapshotId: 'open',
          takenAt: new Date().toISOString(),
          items: [{ sku: 'BOL-BLEU', onHand: 400 }],
        })
      ).statusCode,
    ).toBe(200);
  });
  afterAll(async () => {
    await workers?.close();
    await s?.close();
    await sink?.stop();
  });

  it('the app as sender: one e-mail per shipment in the customer’s language, though the shipment call, the job and the webhooks repeat; every link opens a live tracking page', async () => {
    expect((await admin('PATCH', '/settings', { notifyCustomerFrom: 'app', brandColor: '#7a3e9d' })).statusCode).toBe(
      200,
    );
    s.sim.control.setChaos({ duplicateRate: 1, reorderRate: 0 });
    const o = await placeAndShip({ email: 'lea@example.com', locale: 'en-GB' });
    // the 3PL repeats its call, the fulfill job runs again, and every webhook arrives twice (chaos)
    // the feed answers a repeated shipment with its first answer, marked as a replay
    const again = await o.ship();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    await s.t.ctx.queues.add('fulfill', { shopId, shipmentId: o.shipmentId }, { jobId: `again-${o.shipmentId}` });
    const [mail] = await waitFor('shipping e-mail', () => {
      const m = mailsTo('lea@example.com');
      return m.length ? m : null;
    });
    const f = await waitFor('fulfillment in Shopify', () => s.sim.control.getOrder(SHOP, o.placed.id).fulfillments[0]);
    const [row] = await s.t.ctx.db.select().from(emailOutbox).where(eq(emailOutbox.shipmentId, o.shipmentId));
    await s.t.ctx.queues.add('email', { shopId, outboxId: row!.id }, { jobId: `dup-${row!.id}` });
    await s.sim.waitForIdleWebhooks();
    await waitFor(
      'fulfill jobs done',
      async () => (await s.t.ctx.queues.queue('fulfill').getJobCounts('active', 'waiting', 'delayed')).active === 0,
    );
    await new Promise((r) => setTimeout(r, 300));

    expect(mailsTo('lea@example.com')).toHaveLength(1);
    // Shopify stayed silent: exactly one sender
    expect(f.notifyCustomer).toBe(false);
    expect(mail!.subject).toBe(`Your order ${o.order.name} is on its way`);
    expect(mail!.from).toContain('bonjour@maison.test');
    expect(mail!.headers['auto-submitted']).toBe('auto-generated');
    expect(mail!.text).toContain('6A1234567890');
    expect(mail!.html).toContain('#7a3e9d');
    const [sent] = await s.t.ctx.db.select().from(emailOutbox).where(eq(emailOutbox.id, row!.id));
    expect(sent).toMatchObject({ status: 'sent', kind: 'shipped', sender: 'app', locale: 'en', attempts: 1 });
    expect(sent!.messageId).toBe(mail!.messageId);
    expect(sent!.smtpResponse).toContain('queued as sink-');
    const [shipment] = await s.t.ctx.db.select().from(shipments).where(eq(shipments.id, o.shipmentId));
    await expectLinksResolve(mail!, shipment!.trackingUrls[0]!);

    // the admin order carries the page
    const detail = (await admin('GET', `/orders/${o.order.id}`)).json();
    expect(detail.order.trackingPageUrl).toMatch(new RegExp(`^${s.appUrl}/t/[A-Za-z0-9_-]{24}$`));
    expect(detail.emails).toEqual([expect.objectContaining({ kind: 'shipped', status: 'sent' })]);

    // delivered: one more e-mail, once, even when the carrier repeats itself
    const ev = { status: 'delivered', occurredAt: new Date().toISOString() };
    await feed('POST', `/shipments/${o.shipmentId}/events`, ev);
    await feed('POST', `/shipments/${o.shipmentId}/events`, ev);
    await waitFor('delivered e-mail', () => mailsTo('lea@example.com').length === 2);
    expect(mailsTo('lea@example.com')[1]!.subject).toBe(`Your order ${o.order.name} was delivered`);
    s.sim.control.setChaos({ duplicateRate: 0, reorderRate: 0 });
  });

  it('a French customer gets French; Shopify as sender means Shopify notifies and the app sends nothing', async () => {
    const fr = await placeAndShip({ email: 'chloe@example.com', locale: 'fr' });
    const [m] = await waitFor('French e-mail', () => {
      const x = mailsTo('chloe@example.com');
      return x.length ? x : null;
    });
    expect(m!.subject).toBe(`Votre commande ${fr.order.name} est en route`);
    expect(m!.text).toContain('Suivre mon colis');

    expect((await admin('PATCH', '/settings', { notifyCustomerFrom: 'shopify' })).statusCode).toBe(200);
    const o = await placeAndShip({ email: 'hugo@example.com', locale: 'fr' });
    const f = await waitFor('fulfillment in Shopify', () => s.sim.control.getOrder(SHOP, o.placed.id).fulfillments[0]);
    expect(f.notifyCustomer).toBe(true);
    const [row] = await s.t.ctx.db.select().from(emailOutbox).where(eq(emailOutbox.shipmentId, o.shipmentId));
    expect(row).toMatchObject({ sender: 'shopify', status: 'delegated' });
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo('hugo@example.com')).toHaveLength(0);
    // the page exists either way
    expect((await admin('GET', `/orders/${o.order.id}`)).json().order.trackingPageUrl).toContain('/t/');
    expect((await admin('PATCH', '/settings', { notifyCustomerFrom: 'app' })).statusCode).toBe(200);
  });

  it('a marketplace order sends nothing', async () => {
    const { orderId } = await createOrdersRepo(s.t.ctx.db).upsertIncoming(shopId, {
      channel: 'mirakl',
      externalId: 'MKP-1',
      name: 'MKP-1',
      email: 'buyer@marketplace.example',
      customerExternalId: null,
      customerLocale: 'fr',
      financialStatus: 'PAID',
      currency: 'EUR',
      totalPrice: '36.00',
      tags: [],
      shippingAddress: {
        name: 'Buyer',
        address1: '1 rue',
        city: 'Lyon',
        zip: '69003',
        countryCode: 'FR',
        latitude: 45.76,
        longitude: 4.85,
      },
      placedAt: new Date(),
      updatedAt: new Date(),
      cancelledAt: null,
      fulfilled: false,
      lines: [
        {
          externalId: 'L1',
          sku: 'BOL-BLEU',
          variantExternalId: null,
          title: 'Bol bleu',
          quantity: 1,
          currentQuantity: 1,
          unitPrice: '18.00',
          requiresShipping: true,
        },
      ],
    });
    await s.t.ctx.queues.add('route', { shopId, orderId, reason: 'test' }, { jobId: `route-${orderId}-test` });
    const [a] = await waitFor('marketplace allocation ready', async () => {
      const live = (await s.t.ctx.db.select().from(allocations).where(eq(allocations.orderId, orderId))).filter(
        (x) => x.status === 'ready',
      );
      return live.length ? live : null;
    });
    const leased = (await feed('POST', '/allocations/lease')).json();
    const item = leased.items.find((i: { id: number }) => i.id === a!.id);
    const ship = await feed(
      'POST',
      `/allocations/${a!.id}/shipments`,
      {
        lines: item.lines.map((l: { lineId: number; quantity: number }) => ({
          lineId: l.lineId,
          quantity: l.quantity,
        })),
        carrier: 'Colissimo',
        trackingNumbers: ['6A99999999999'],
        shippedAt: new Date().toISOString(),
        leaseToken: leased.leaseToken,
      },
      { 'idempotency-key': 'mkp-parcel-1' },
    );
    expect(ship.statusCode).toBe(201);
    await feed('POST', `/shipments/${ship.json().shipmentId}/events`, {
      status: 'delivered',
      occurredAt: new Date().toISOString(),
    });
    await detectDelays(
      { db: s.t.ctx.db, customers: customerDeps(), noScanHours: 1 },
      { shopId, now: new Date(Date.now() + 5 * 3_600_000) },
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo('buyer@marketplace.example')).toHaveLength(0);
    expect(await s.t.ctx.db.select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId))).toHaveLength(0);
  });

  it(
    'an SMTP server that refuses for a while loses nothing, and what keeps failing is parked where the merchant sees it',
    { timeout: 60_000 },
    async () => {
      expect((await admin('PATCH', '/settings', { notifyCustomerFrom: 'app' })).statusCode).toBe(200);
      sink.refuseNext(3, 451);
      const o = await placeAndShip({ email: 'retry@example.com' });
      await waitFor('sent after refusals', () => mailsTo('retry@example.com').length === 1, 30_000).catch(async (e) => {
        console.error(
          await s.t.ctx.db.select().from(emailOutbox).where(eq(emailOutbox.shipmentId, o.shipmentId)),
          sink.refused(),
        );
        throw e;
      });
      // the server took it before the worker wrote down its answer: wait for the row too
      const row = await waitFor(
        'recorded as sent',
        async () =>
          (
            await s.t.ctx.db
              .select()
              .from(emailOutbox)
              .where(and(eq(emailOutbox.shipmentId, o.shipmentId), eq(emailOutbox.status, 'sent')))
          )[0],
      );
      expect(row).toMatchObject({ status: 'sent', attempts: 4 });
      expect(sink.refused()).toBeGreaterThanOrEqual(3);

      sink.refuseAll(550);
      const p = await placeAndShip({ email: 'parked@example.com' });
      const parked = await waitFor(
        'parked',
        async () =>
          (
            await s.t.ctx.db
              .select()
              .from(emailOutbox)
              .where(and(eq(emailOutbox.shipmentId, p.shipmentId), eq(emailOutbox.status, 'parked')))
          )[0],
      );
      expect(parked.lastError).toContain('550');
      const list = (await admin('GET', '/emails?status=parked')).json();
      expect(list.items.map((i: { id: number }) => i.id)).toContain(parked.id);
      sink.refuseAll(null);
      expect((await admin('POST', `/emails/${parked.id}/retry`)).statusCode).toBe(200);
      await waitFor('sent after the merchant retried', () => mailsTo('parked@example.com').length === 1);
    },
  );

  it('a late parcel raises its delay once and tells the customer once', async () => {
    expect((await admin('PATCH', '/settings', { notifyCustomerFrom: 'app' })).statusCode).toBe(200);
    const o = await placeAndShip({ email: 'late@example.com', locale: 'en' });
    await waitFor('shipping e-mail', () => mailsTo('late@example.com').length === 1);
    const later = new Date(Date.now() + 49 * 3_600_000);
    const first = await detectDelays(
      { db: s.t.ctx.db, customers: customerDeps(), noScanHours: 48 },
      { shopId, now: later },
    );
    const again = await detectDelays(
      { db: s.t.ctx.db, customers: customerDeps(), noScanHours: 48 },
      { shopId, now: new Date(later.getTime() + 3_600_000) },
    );
    expect(first.raised).toBeGreaterThanOrEqual(1);
    expect(again.raised).toBe(0);
    const delays = await s.t.ctx.db.select().from(shipmentDelays).where(eq(shipmentDelays.shipmentId, o.shipmentId));
    expect(delays).toHaveLength(1);
    await waitFor('delay e-mail', () => mailsTo('late@example.com').length === 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo('late@example.com').map((m) => m.subject)).toEqual([
      `Your order ${o.order.name} is on its way`,
      `Your order ${o.order.name} is delayed`,
    ]);
    const detail = (await admin('GET', `/orders/${o.order.id}`)).json();
    expect(detail.delays).toEqual([
      expect.objectContaining({ shipmentId: o.shipmentId, reason: expect.any(String), resolvedAt: null }),
    ]);
    const overview = (await admin('GET', '/overview')).json();
    expect(overview.delayedShipments).toBeGreaterThanOrEqual(1);
  });

  it('the tracking page: HTML without script, noindex, CSP, small; an unknown token is a plain 404 page', async () => {
    const o = await placeAndShip({ email: 'page@example.com', locale: 'fr' });
    const url = (await admin('GET', `/orders/${o.order.id}`)).json().order.trackingPageUrl as string;
    const res = await s.app.inject({ method: 'GET', url: new URL(url).pathname });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['x-robots-tag']).toContain('noindex');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(res.body).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(res.body).toContain(o.order.name);
    expect(res.body).toContain('Colissimo');
    expect(res.body).toContain('lang="fr"');
    expect(res.body).not.toMatch(/<script/i);
    expect(Buffer.byteLength(res.body)).toBeLessThan(50_000);
    for (const bad of ['/t/AAAAAAAAAAAAAAAAAAAAAAAA', '/t/x', '/t/%3Cscript%3E']) {
      const nf = await s.app.inject({ method: 'GET', url: bad });
      expect(nf.statusCode, bad).toBe(404);
      expect(nf.headers['content-type']).toContain('text/html');
      expect(nf.body).not.toMatch(/<script/i);
    }
  });

  it('the daily stock digest goes through the outbox, once a day', async () => {
    const settings = (await admin('GET', '/stock-settings')).json().settings;
    expect(
      (await admin('PUT', '/stock-settings', { ...settings, dailyDigest: true, digestEmail: 'stock@maison.test' }))
        .statusCode,
    ).toBe(200);
    await sendStockDigests({ db: s.t.ctx.db, customers: customerDeps() }, { shopId, ignoreHour: true });
    await sendStockDigests({ db: s.t.ctx.db, customers: customerDeps() }, { shopId, ignoreHour: true });
    await waitFor('digest', () => mailsTo('stock@maison.test').length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo('stock@maison.test')).toHaveLength(1);
    expect(mailsTo('stock@maison.test')[0]!.subject).toMatch(/stock/i);
  });
});
