import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, returns } from '../../drizzle/schema/index.js';
import { createOrdersRepo } from '../../core/db/orders-repo.js';
import { createReturnsRepo } from '../../core/db/returns-repo.js';
import { createTrackingPagesRepo } from '../../core/db/tracking-pages-repo.js';
import { enqueueReturnEmail } from '../../core/use-cases/returns/enqueue-return-email.js';
import { startSmtpSink, type SmtpSink } from '../../sim/smtp/smtp-sink.js';
import { processReturn } from '../../sim/shopify/ops/return-processing.js';
import { saleTransactionId } from '../../sim/shopify/state/returns-state.js';
import { startReturnsShop, type ReturnsShop } from '../helpers/returns-shop.js';
import type { SimApp } from '../helpers/sim-app.js';
import { buildIncomingOrder } from '../helpers/builders.js';
import { LYON_CUSTOMER, placeAndShip } from '../helpers/shipped-order.js';
import { waitFor } from '../helpers/wait.js';

const SHOP = 'retours-mail.myshopify.com';
const address = LYON_CUSTOMER;

describe('return e-mails to the customer, through the outbox and a real SMTP server', () => {
  let s: SimApp;
  let sink: SmtpSink;
  let shop: ReturnsShop;
  let shopId: number;
  let whId: number;
  let n = 0;
  let admin: ReturnsShop['admin'];
  let feed: ReturnsShop['feed'];
  // the shipping e-mails go to the same customers; only the return's own count here
  const mailsTo = (to: string) => sink.messages().filter((m) => m.to.includes(to) && m.subject.includes('RMA-'));
  const outboxOf = async (returnId: number) =>
    s.t.ctx.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.shopId, shopId), eq(emailOutbox.subjectKey, `return:${returnId}`)));
  const syncError = async (id: number) => {
    const r = (await s.t.ctx.db.select().from(returns).where(eq(returns.id, id)))[0]!;
    if (r.syncError) throw new Error(r.syncError);
    return r;
  };

  /** The 3PL receives the return's two bowls, resellable. */
  async function receiveResellable(returnId: number, idempotencyKey: string) {
    const expected = (await feed('GET', '/returns/expected')).json();
    const lineId = expected.items.find((i: { id: number }) => i.id === returnId).lines[0].lineId;
    expect(
      (
        await feed(
          'POST',
          `/returns/${returnId}/receipts`,
          { receivedAt: new Date().toISOString(), lines: [{ lineId, quantity: 2, grade: 'resellable' }] },
          { 'idempotency-key': idempotencyKey },
        )
      ).statusCode,
    ).toBe(201);
  }

  /** An order placed in the simulator, shipped whole through the feed; then the customer asks for a return on the tracking page. */
  async function shipAndAsk(email: string, locale: string) {
    const { placed, order } = await placeAndShip(s, feed, {
      domain: SHOP,
      shopId,
      order: {
        lines: [{ sku: 'BOL-BLEU', quantity: 2 }],
        shippingAddress: address,
        financialStatus: 'paid',
        email,
        customer: { email, firstName: 'Léa' },
        customerLocale: locale,
      },
      trackingNumber: `6A55500000${n++}`,
    });
    const bol = (await createOrdersRepo(s.t.ctx.db).lines(shopId, order.id)).find((l) => l.sku === 'BOL-BLEU')!;
    const { token: pageToken } = await createTrackingPagesRepo(s.t.ctx.db).ensure(shopId, order.id);
    const posted = await s.app.inject({
      method: 'POST',
      url: `/t/${pageToken}/return`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ [`qty_${bol.id}`]: '2', reason: 'damaged_in_transit' }).toString(),
    });
    expect(posted.statusCode).toBe(201);
    const [ret] = await s.t.ctx.db
      .select()
      .from(returns)
      .where(and(eq(returns.shopId, shopId), eq(returns.orderId, order.id)));
    await waitFor('return requested in Shopify', async () => (await syncError(ret!.id)).externalId !== null);
    return { placed, order, ret: ret!, pageToken };
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    shop = await startReturnsShop({
      domain: SHOP,
      skus: [{ sku: 'BOL-BLEU', price: 18 }],
      opening: 20,
      keyLabel: 'mail',
      policy: { autoApprove: false },
      env: { SMTP_URL: sink.url, EMAIL_FROM: 'Maison Test <bonjour@maison.test>' },
      workers: ['email'],
    });
    ({ s, shopId, whId, admin, feed } = shop);
    expect((await admin('PATCH', '/settings', { notifyCustomerFrom: 'app' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await shop?.close();
    await sink?.stop();
  });

  it('request received, approved with the slip, refunded with the amount: one e-mail each, in the customer’s language', async () => {
    const { ret, order, pageToken } = await shipAndAsk('lea@example.com', 'fr-FR');
    const [asked] = await waitFor('request e-mail', () => {
      const m = mailsTo('lea@example.com');
      return m.length ? m : null;
    });
    expect(asked!.subject).toBe(`Nous avons reçu votre demande de retour ${ret.rma}`);
    expect(asked!.text).toContain(ret.rma!);
    expect(asked!.text).toContain(`/t/${pageToken}`);

    expect((await admin('POST', `/returns/${ret.id}/actions`, { type: 'approve' })).statusCode).toBe(200);
    await waitFor('approval e-mail', () => mailsTo('lea@example.com').length === 2);
    const approved = mailsTo('lea@example.com')[1]!;
    expect(approved.subject).toBe(`Votre retour ${ret.rma} est accepté`);
    expect(approved.text).toContain('Imprimez le bon de retour');
    expect(approved.text).toContain('2 rue B');
    // the slip link opens the printable slip, with the RMA's barcode
    const slipUrl = [...(approved.html ?? '').matchAll(/href="([^"]+)"/g)]
      .map((x) => x[1]!.replace(/&amp;/g, '&'))
      .find((h) => h.includes('/slip'))!;
    expect(slipUrl).toBe(`${s.appUrl}/t/${pageToken}/returns/${ret.rma}/slip`);
    expect(approved.text).toContain(slipUrl);
    const slip = await fetch(slipUrl, { headers: { 'accept-language': 'fr' } });
    expect(slip.status).toBe(200);
    const body = await slip.text();
    expect(body).toContain('<svg');
    expect(body).toContain('Bon de retour');
    // another order's token does not open this slip
    const other = await createTrackingPagesRepo(s.t.ctx.db).ensure(
      shopId,
      (
        await createOrdersRepo(s.t.ctx.db).upsertIncoming(
          shopId,
          buildIncomingOrder({ channel: 'shopify', externalId: 'gid://shopify/Order/999001', name: '#X1' }),
        )
      ).orderId,
    );
    expect((await fetch(`${s.appUrl}/t/${other.token}/returns/${ret.rma}/slip`)).status).toBe(404);

    await receiveResellable(ret.id, 'rm-receipt-1');
    await waitFor('refund e-mail', async () => {
      await syncError(ret.id);
      return mailsTo('lea@example.com').length === 3;
    });
    const refunded = mailsTo('lea@example.com')[2]!;
    expect(refunded.subject).toBe(`Votre remboursement pour le retour ${ret.rma}`);
    expect(refunded.text).toMatch(/36,00\s€/);

    // the sync runs again, the approval is repeated: nothing more is sent
    await s.t.ctx.queues.add('returns', { shopId, returnId: ret.id }, { jobId: `again-${ret.id}` });
    expect((await admin('POST', `/returns/${ret.id}/actions`, { type: 'approve' })).statusCode).toBe(409);
    await waitFor(
      'sync done',
      async () => (await s.t.ctx.queues.queue('returns').getJobCounts('active', 'waiting')).active === 0,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo('lea@example.com')).toHaveLength(3);
    const leaRemote = s.sim.control.getOrder(SHOP, ret.orderExternalId!.split('/').pop()!).returns[0]!;
    expect(s.sim.shop(SHOP).returns.get(leaRemote.id)!.customerNotified).toEqual([]);
    const rows = await outboxOf(ret.id);
    expect(rows.map((r) => [r.kind, r.status, r.sender, r.locale]).sort()).toEqual([
      ['return_approved', 'sent', 'app', 'fr'],
      ['return_refunded', 'sent', 'app', 'fr'],
      ['return_requested', 'sent', 'app', 'fr'],
    ]);
    expect(
      (await admin('GET', `/orders/${order.id}`))
        .json()
        .emails.map((e: { kind: string }) => e.kind)
        .filter((k: string) => k.startsWith('return_'))
        .sort(),
    ).toEqual(['return_approved', 'return_refunded', 'return_requested']);
  });

  it('declined with the merchant’s reason, once, though Shopify’s decline webhook comes back twice and the e-mail job repeats', async () => {
    const { ret } = await shipAndAsk('hugo@example.com', 'en-GB');
    await waitFor('request e-mail', () => mailsTo('hugo@example.com').length === 1);
    s.sim.control.setChaos({ duplicateRate: 1, reorderRate: 0 });
    expect(
      (
        await admin('POST', `/returns/${ret.id}/actions`, {
          type: 'decline',
          reason: 'final_sale',
          note: 'Sold in the clearance sale.',
        })
      ).statusCode,
    ).toBe(200);
    await waitFor('declined in Shopify', async () => {
      await syncError(ret.id);
      return s.sim.control.getOrder(SHOP, ret.orderExternalId!.split('/').pop()!).returns[0]?.status === 'DECLINED';
    });
    await s.sim.waitForIdleWebhooks();
    // the same transition, applied again: the outbox already holds its decision
    const again = await enqueueReturnEmail(
      { db: s.t.ctx.db, appUrl: s.appUrl, appCanSend: true },
      { shopId, returnId: ret.id, kind: 'return_declined' },
    );
    expect(again).toMatchObject({ outcome: 'decided', created: false });
    const row = (await outboxOf(ret.id)).find((r) => r.kind === 'return_declined')!;
    await s.t.ctx.queues.add('email', { shopId, outboxId: row.id }, { jobId: `dup-${row.id}` });
    await waitFor('decline e-mail', () => mailsTo('hugo@example.com').length === 2);
    await waitFor(
      'ingest idle',
      async () => (await s.t.ctx.queues.queue('ingest').getJobCounts('active', 'waiting')).active === 0,
    );
    await new Promise((r) => setTimeout(r, 400));
    s.sim.control.setChaos({ duplicateRate: 0, reorderRate: 0 });
    const mails = mailsTo('hugo@example.com');
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toBe(`Your return request ${ret.rma} was declined`);
    expect(mails[1]!.text).toContain('sold as final sale');
    expect(mails[1]!.text).toContain('Sold in the clearance sale.');
  });

  it('Shopify as sender: the app sends nothing and asks Shopify to notify; a marketplace order gets nothing', async () => {
    expect((await admin('PATCH', '/settings', { notifyCustomerFrom: 'shopify' })).statusCode).toBe(200);
    const { ret } = await shipAndAsk('zoe@example.com', 'fr');
    expect((await admin('POST', `/returns/${ret.id}/actions`, { type: 'approve' })).statusCode).toBe(200);
    await waitFor('approved in Shopify', async () => {
      await syncError(ret.id);
      return s.sim.control.getOrder(SHOP, ret.orderExternalId!.split('/').pop()!).returns[0]?.status === 'OPEN';
    });
    expect((await outboxOf(ret.id)).map((r) => [r.kind, r.sender, r.status]).sort()).toEqual([
      ['return_approved', 'shopify', 'delegated'],
      ['return_requested', 'shopify', 'skipped'],
    ]);
    // Shopify was asked to tell the customer, since it is the one sender
    const remote = s.sim.control.getOrder(SHOP, ret.orderExternalId!.split('/').pop()!).returns[0]!;
    expect(s.sim.shop(SHOP).returns.get(remote.id)!.customerNotified).toEqual(['approve']);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo('zoe@example.com')).toHaveLength(0);
    expect((await admin('PATCH', '/settings', { notifyCustomerFrom: 'app' })).statusCode).toBe(200);

    // a marketplace order's return: the marketplace speaks to its buyers
    const { orderId } = await createOrdersRepo(s.t.ctx.db).upsertIncoming(
      shopId,
      buildIncomingOrder({
        channel: 'mirakl',
        externalId: 'MKP-R1',
        email: 'buyer@marketplace.example',
        customerLocale: 'fr',
        totalPrice: '18.00',
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
      }),
    );
    const mkp = await createReturnsRepo(s.t.ctx.db).insert(
      shopId,
      { channel: 'mirakl', orderId, status: 'PENDING', rma: 'RMA-900001-A', source: 'merchant', state: 'approved' },
      [{ sku: 'BOL-BLEU', title: 'Bol bleu', quantity: 1 }],
    );
    for (const kind of ['return_requested', 'return_approved'] as const) {
      expect(
        await enqueueReturnEmail(
          { db: s.t.ctx.db, appUrl: s.appUrl, appCanSend: true },
          { shopId, returnId: mkp.id, kind },
        ),
      ).toEqual({ outcome: 'marketplace' });
    }
    expect(await outboxOf(mkp.id)).toHaveLength(0);
  });

  it('a refund the merchant makes in Shopify’s admin (refunds/create) is the return’s refund: refunded here, told once, never refunded twice', async () => {
    expect(
      (
        await admin('PUT', '/returns/policy', {
          customerRequests: true,
          windowDays: 30,
          autoApprove: true,
          excludedSkus: [],
          excludedTags: [],
          refundOn: 'manual',
          returnWarehouseIds: [whId],
          costPerReturn: 6,
        })
      ).statusCode,
    ).toBe(200);
    const { ret, placed } = await shipAndAsk('ines@example.com', 'fr');
    await receiveResellable(ret.id, 'rm-receipt-manual');
    // graded, disposed in Shopify by the sync; the shop refunds by hand
    await waitFor('disposed in Shopify', async () => {
      await syncError(ret.id);
      return (await createReturnsRepo(s.t.ctx.db).get(shopId, ret.id))!.lines[0]!.disposedQuantity === 2;
    });
    expect((await createReturnsRepo(s.t.ctx.db).get(shopId, ret.id))!.state).toBe('graded');

    const shop = s.sim.shop(SHOP);
    const order = shop.orders.get(placed.id)!;
    const remote = [...shop.returns.values()].find((r) => r.orderId === placed.id)!;
    const res = processReturn(s.sim.core, shop, {
      returnId: remote.id,
      returnLineItems: remote.lineItems.map((l) => ({ id: l.id, quantity: l.quantity - l.processedQuantity })),
      refunds: [{ parentTransactionId: saleTransactionId(order), amountCents: 3600 }],
    });
    expect(res.ok).toBe(true);
    const done = await waitFor('refunded from the webhook', async () => {
      const r = await syncError(ret.id);
      return r.state === 'refunded' ? r : null;
    });
    expect(done).toMatchObject({ refundAmount: '36.00' });
    expect(done.refundedAt).not.toBeNull();
    await waitFor('refund e-mail', () =>
      mailsTo('ines@example.com').some((m) => m.subject.startsWith('Votre remboursement')),
    );
    // the return's sync runs again: Shopify holds one refund, the customer one e-mail
    await s.t.ctx.queues.add('returns', { shopId, returnId: ret.id }, { jobId: `manual-again-${ret.id}` });
    await s.sim.waitForIdleWebhooks();
    await waitFor(
      'sync done',
      async () => (await s.t.ctx.queues.queue('returns').getJobCounts('active', 'waiting')).active === 0,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(order.refunds).toHaveLength(1);
    expect(mailsTo('ines@example.com').filter((m) => m.subject.startsWith('Votre remboursement'))).toHaveLength(1);
    const steps = (await admin('GET', `/returns/${ret.id}`))
      .json()
      .timeline.map((t: { action: string; actor: string }) => `${t.action}:${t.actor}`);
    expect(steps.filter((x: string) => x.startsWith('return_refunded'))).toEqual(['return_refunded:shopify']);
    expect(steps).toContain('return_disposed_in_shopify:shopify');
  });

  it('the admin previews each return e-mail in both languages, with the shop’s branding', async () => {
    const kinds = (await admin('GET', '/emails/kinds')).json().kinds;
    for (const kind of ['return_requested', 'return_approved', 'return_declined', 'return_refunded']) {
      expect(kinds).toContainEqual({ kind, audience: 'customer' });
      for (const lang of ['en', 'fr']) {
        const res = await admin('GET', `/emails/preview/${kind}?lang=${lang}`);
        expect(res.statusCode).toBe(200);
        const p = res.json();
        expect(p.subject).toContain('RMA-000042-U');
        expect(p.text).toContain('RMA-000042-U');
        expect(p.html).toContain(`lang="${lang}"`);
      }
    }
    const declined = (await admin('GET', '/emails/preview/return_declined?lang=fr')).json();
    expect(declined.text).toContain('Le délai de retour de cette commande est dépassé.');
    const approved = (await admin('GET', '/emails/preview/return_approved?lang=en')).json();
    expect(approved.html).toContain('/returns/RMA-000042-U/slip');
    expect((await admin('GET', '/emails/preview/return_refunded?lang=fr')).json().text).toMatch(/18,00\s€/);
  });
});
