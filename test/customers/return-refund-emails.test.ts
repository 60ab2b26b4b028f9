import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, returns } from '../../drizzle/schema/index.js';
import { createOrdersRepo } from '../../core/db/orders-repo.js';
import { createTrackingPagesRepo } from '../../core/db/tracking-pages-repo.js';
import { startSmtpSink, type SmtpSink } from '../../sim/smtp/smtp-sink.js';
import { processReturn } from '../../sim/shopify/ops/return-processing.js';
import { saleTransactionId } from '../../sim/shopify/state/returns-state.js';
import { startReturnsShop, type ReturnsShop } from '../helpers/returns-shop.js';
import type { SimApp } from '../helpers/sim-app.js';
import { LYON_CUSTOMER, placeAndShip } from '../helpers/shipped-order.js';
import { waitFor } from '../helpers/wait.js';

const SHOP = 'retours-rembourses.myshopify.com';
const address = LYON_CUSTOMER;

describe('the refund e-mail when the money goes back before the return is graded', () => {
  let s: SimApp;
  let sink: SmtpSink;
  let shop: ReturnsShop;
  let shopId: number;
  let whId: number;
  let n = 0;
  let admin: ReturnsShop['admin'];
  let feed: ReturnsShop['feed'];
  const refundMails = (to: string) =>
    sink.messages().filter((m) => m.to.includes(to) && m.subject.startsWith('Votre remboursement'));
  const retRow = async (id: number) => {
    const r = (await s.t.ctx.db.select().from(returns).where(eq(returns.id, id)))[0]!;
    if (r.syncError) throw new Error(r.syncError);
    return r;
  };
  const policy = (refundOn: 'receipt' | 'manual') =>
    admin('PUT', '/returns/policy', {
      customerRequests: true,
      windowDays: 30,
      autoApprove: true,
      excludedSkus: [],
      excludedTags: [],
      refundOn,
      returnWarehouseIds: [whId],
      costPerReturn: 6,
    });
  const idle = async () => {
    await s.sim.waitForIdleWebhooks();
    await waitFor('queues idle', async () => {
      for (const q of ['returns', 'ingest', 'email'] as const) {
        const c = await s.t.ctx.queues.queue(q).getJobCounts('active', 'waiting');
        if ((c.active ?? 0) + (c.waiting ?? 0) > 0) return false;
      }
      return true;
    });
    await new Promise((r) => setTimeout(r, 300));
  };

  /** Two bowls shipped to `email`; the customer returns both on the tracking page, approved at once by the rules. */
  async function shippedAndReturned(email: string) {
    const { placed, order } = await placeAndShip(s, feed, {
      domain: SHOP,
      shopId,
      order: {
        lines: [{ sku: 'BOL-BLEU', quantity: 2 }],
        shippingAddress: address,
        financialStatus: 'paid',
        email,
        customer: { email, firstName: 'Léa' },
        customerLocale: 'fr-FR',
      },
      trackingNumber: `6A8800000${n++}`,
    });
    const bol = (await createOrdersRepo(s.t.ctx.db).lines(shopId, order.id))[0]!;
    const { token: pageToken } = await createTrackingPagesRepo(s.t.ctx.db).ensure(shopId, order.id);
    const posted = await s.app.inject({
      method: 'POST',
      url: `/t/${pageToken}/return`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ [`qty_${bol.id}`]: '2', reason: 'changed_mind' }).toString(),
    });
    expect(posted.statusCode).toBe(201);
    const [ret] = await s.t.ctx.db.select().from(returns).where(eq(returns.orderId, order.id));
    await waitFor('return open in Shopify', async () => (await retRow(ret!.id)).externalId !== null);
    const lineId = (await feed('GET', '/returns/expected')).json().items.find((i: { id: number }) => i.id === ret!.id)
      .lines[0].lineId as number;
    return { placed, ret: ret!, lineId };
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    // each test sets its own returns policy
    shop = await startReturnsShop({
      domain: SHOP,
      skus: [{ sku: 'BOL-BLEU', price: 18 }],
      opening: 20,
      keyLabel: 'refund-mail',
      policy: null,
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

  it('refund on receipt: the first parcel is refunded before grading and the customer told once, in words that do not claim the check is done', async () => {
    expect((await policy('receipt')).statusCode).toBe(200);
    const { placed, ret, lineId } = await shippedAndReturned('nina@example.com');
    const first = await feed(
      'POST',
      `/returns/${ret.id}/receipts`,
      { receivedAt: new Date().toISOString(), lines: [{ lineId, quantity: 1, grade: 'resellable' }] },
      { 'idempotency-key': 'refund-mail-receipt-1' },
    );
    expect(first.json()).toMatchObject({ created: true, state: 'received' });
    // the money goes back for both bowls announced, while one is still on its way
    const mail = await waitFor('refund e-mail', async () => {
      await retRow(ret.id);
      return refundMails('nina@example.com')[0];
    });
    expect(mail.subject).toBe(`Votre remboursement pour le retour ${ret.rma}`);
    expect(mail.text).toContain('est arrivé à notre entrepôt et nous l’avons remboursé');
    expect(mail.text).toContain('Nous vérifions encore les articles');
    expect(mail.text).not.toContain('nous avons reçu votre retour');
    expect(mail.text).toMatch(/36,00\s€/);
    const refundedEarly = await retRow(ret.id);
    expect(refundedEarly).toMatchObject({ state: 'received', refundAmount: '36.00' });
    expect(refundedEarly.refundedAt).not.toBeNull();
    const shopifyOrder = s.sim.shop(SHOP).orders.get(placed.id)!;
    expect(shopifyOrder.refunds).toHaveLength(1);

    // the second bowl comes and is graded: the return is refunded, nothing more is paid or sent
    const second = await feed(
      'POST',
      `/returns/${ret.id}/receipts`,
      { receivedAt: new Date().toISOString(), lines: [{ lineId, quantity: 1, grade: 'damaged' }] },
      { 'idempotency-key': 'refund-mail-receipt-2' },
    );
    expect(second.json()).toMatchObject({ created: true, state: 'graded' });
    await waitFor('refunded', async () => (await retRow(ret.id)).state === 'refunded');
    await s.t.ctx.queues.add('returns', { shopId, returnId: ret.id }, { jobId: `refund-mail-again-${ret.id}` });
    await idle();
    expect(refundMails('nina@example.com')).toHaveLength(1);
    expect(shopifyOrder.refunds).toHaveLength(1);
    const rows = await s.t.ctx.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.shopId, shopId), eq(emailOutbox.subjectKey, `return:${ret.id}`)));
    expect(rows.filter((r) => r.kind === 'return_refunded').map((r) => r.status)).toEqual(['sent']);
    const steps = (await admin('GET', `/returns/${ret.id}`)).json().timeline.map((t: { action: string }) => t.action);
    expect(steps).toContain('refunded_before_grading');
    expect(steps.filter((a: string) => a === 'return_refunded')).toHaveLength(1);
  });

  it('refunded by the merchant in Shopify before the parcel came: told at once, without saying it arrived, and not again once graded', async () => {
    expect((await policy('manual')).statusCode).toBe(200);
    const { placed, ret, lineId } = await shippedAndReturned('oscar@example.com');
    const shop = s.sim.shop(SHOP);
    const remote = [...shop.returns.values()].find((r) => r.orderId === placed.id)!;
    expect(
      processReturn(s.sim.core, shop, {
        returnId: remote.id,
        returnLineItems: remote.lineItems.map((l) => ({ id: l.id, quantity: l.quantity })),
        refunds: [{ parentTransactionId: saleTransactionId(shop.orders.get(placed.id)!), amountCents: 3600 }],
      }).ok,
    ).toBe(true);
    const mail = await waitFor('refund e-mail', () => refundMails('oscar@example.com')[0]);
    expect(mail.text).toContain('nous avons remboursé votre retour');
    expect(mail.text).toContain('merci de les renvoyer comme convenu');
    expect(mail.text).not.toContain('est arrivé');
    expect(mail.text).toMatch(/36,00\s€/);
    expect((await retRow(ret.id)).state).toBe('approved');

    expect(
      (
        await feed(
          'POST',
          `/returns/${ret.id}/receipts`,
          { receivedAt: new Date().toISOString(), lines: [{ lineId, quantity: 2, grade: 'resellable' }] },
          { 'idempotency-key': 'refund-mail-receipt-3' },
        )
      ).statusCode,
    ).toBe(201);
    expect((await retRow(ret.id)).state).toBe('refunded');
    await idle();
    expect(refundMails('oscar@example.com')).toHaveLength(1);
    expect(shop.orders.get(placed.id)!.refunds).toHaveLength(1);
  });
});
