import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {
  CreateReturnResultDto,
  ReturnDetailDto,
  ReturnListDto,
  ReturnPolicyDto,
} from '../../core/contracts/admin/returns.js';
import type { OrderDetail as OrderDetailDto } from '../../core/contracts/admin/orders.js';
import { createOrdersRepo } from '../../core/db/orders-repo.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { requestReturn } from '../../core/use-cases/returns/request-return.js';
import { launchChromium, loadPage, openContext, screenshot, slug } from './browser.js';
import { startHarness, type BrowserHarness } from './harness.js';
import { adminApi } from './stock-scenario.js';
import { waitFor } from '../helpers/wait.js';

let h: BrowserHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let graded: number;
const api = <T>(method: string, path: string, body?: unknown) => adminApi<T>(h, method, path, body);

/** Returns in every stage: two graded and refunded (one with a damaged unit), one expected, one waiting for review. */
async function prepareReturns(): Promise<void> {
  const shipped = (
    await api<{ items: { id: number; name: string }[] }>('GET', '/orders?status=shipped,partially_shipped&limit=20')
  ).items;
  expect(shipped.length).toBeGreaterThanOrEqual(3);
  await api('PUT', '/returns/policy', {
    customerRequests: true,
    windowDays: 30,
    autoApprove: true,
    excludedSkus: [],
    excludedTags: ['final-sale'],
    refundOn: 'grading',
    returnWarehouseIds: [],
    costPerReturn: 6.5,
  });
  const reasons = ['size_too_small', 'damaged_in_transit', 'not_as_described'] as const;
  const made: CreateReturnResultDto[] = [];
  for (const [i, o] of shipped.slice(0, 3).entries()) {
    const lines = await createOrdersRepo(h.t.ctx.db).lines(h.shopId, o.id);
    made.push(
      await api<CreateReturnResultDto>('POST', '/returns', {
        orderId: o.id,
        lines: [
          {
            orderLineId: lines[0]!.id,
            quantity: 1,
            reason: reasons[i],
            note: i === 1 ? 'Le carton était écrasé' : null,
            // the unit that arrived damaged is replaced: an exchange for the same item
            exchange: i === 1 ? { sku: lines[0]!.sku!, quantity: 1 } : null,
          },
        ],
      }),
    );
  }
  // the warehouses receive the first two: one resellable, one damaged
  for (const [i, m] of made.slice(0, 2).entries()) {
    if (!m.ok) throw new Error(m.reason);
    const d = await api<ReturnDetailDto>('GET', `/returns/${m.id}`);
    const key = h.warehouses.find((w) => w.id === d.warehouseId)!.apiKey;
    const res = await fetch(`${h.appUrl}/feed/v1/returns/${m.id}/receipts`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'idempotency-key': `browser-receipt-${m.id}`,
      },
      body: JSON.stringify({
        receivedAt: new Date().toISOString(),
        lines: [
          {
            lineId: d.lines[0]!.id,
            quantity: 1,
            grade: i === 0 ? 'resellable' : 'damaged',
            photoUrls: i === 1 ? ['https://photos.example/carton.jpg'] : [],
          },
        ],
      }),
    });
    expect(res.status).toBe(201);
  }
  graded = (made[1] as { id: number }).id;
  await waitFor(
    'refunds in Shopify',
    async () => (await api<ReturnListDto>('GET', '/returns?state=refunded')).items.length === 2,
    30_000,
  );
  await waitFor(
    'exchange order',
    async () => (await api<ReturnDetailDto>('GET', `/returns/${graded}`)).exchangeOrder !== null,
    30_000,
  );
  // a customer's request the shop reviews by hand
  await api('PUT', '/returns/policy', {
    customerRequests: true,
    windowDays: 30,
    autoApprove: false,
    excludedSkus: [],
    excludedTags: ['final-sale'],
    refundOn: 'grading',
    returnWarehouseIds: [],
    costPerReturn: 6.5,
  });
  const o = shipped[3] ?? shipped[0]!;
  const lines = await createOrdersRepo(h.t.ctx.db).lines(h.shopId, o.id);
  const asked = await requestReturn(
    {
      db: h.t.ctx.db,
      queues: h.t.ctx.queues,
      log: h.t.ctx.log,
      customers: { appUrl: undefined, appCanSend: false, queues: h.t.ctx.queues, log: h.t.ctx.log },
    },
    {
      shopId: h.shopId,
      orderId: o.id,
      source: 'customer',
      lines: [{ orderLineId: lines.at(-1)!.id, quantity: 1, reason: 'changed_mind' }],
      actor: 'customer',
      now: new Date(),
    },
  );
  expect(asked.ok).toBe(true);
}

beforeAll(async () => {
  h = await startHarness({ language: 'en' });
  await prepareReturns();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});
beforeEach(async () => {
  ({ context, page, errors } = await openContext(browser));
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page.url() !== 'about:blank')
    await screenshot(page, `FAILED-${slug(ctx.task.name)}`, false).catch((e: Error) =>
      console.warn(`failure screenshot not saved: ${e.message}`),
    );
  await context.close();
});

for (const language of ['en', 'fr'] as const) {
  const words =
    language === 'en'
      ? {
          returns: 'Returns',
          toReview: 'To review',
          requested: 'Requested',
          refunded: 'Refunded',
          damaged: 'Damaged',
          timeline: 'Timeline',
          received: 'Received at the warehouse',
          byYou: 'Asked by you',
          you: 'You',
          figures: 'Return figures',
          top: 'Top five reasons',
          approve: 'Approve',
          approved: 'Approved',
          exchange: (title: string) => `Exchange for 1 × ${title}`,
        }
      : {
          returns: 'Retours',
          toReview: 'À examiner',
          requested: 'Demandé',
          refunded: 'Remboursé',
          damaged: 'Abîmé',
          timeline: 'Historique',
          received: 'Reçu à l’entrepôt',
          byYou: 'Demandé par vous',
          you: 'Vous',
          figures: 'Chiffres des retours',
          top: 'Cinq premiers motifs',
          approve: 'Accepter',
          approved: 'Accepté',
          exchange: (title: string) => `Échange contre 1 × ${title}`,
        };

  describe(`returns in the admin app (${language})`, () => {
    beforeAll(async () => {
      await createShopsRepo(h.t.ctx.db).updateSettings(h.shopId, { language });
    });

    it('lists returns with status badges and filters them by tab', async () => {
      await loadPage(page, `${h.appUrl}/returns`, 'returns', language);
      await page.getByRole('heading', { name: words.returns, exact: true }).waitFor();
      await expect.poll(() => page.locator('tbody tr').count()).toBe(4);
      await page.locator('tbody').getByText(words.refunded).first().waitFor();
      await screenshot(page, `returns-list-${language}`);
      await page.getByRole('tab', { name: words.toReview }).click();
      await page.waitForURL(/tab=review/);
      await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
      await page.locator('tbody').getByText(words.requested).waitFor();
      expect(errors).toEqual([]);
    });

    it('shows a return with its grades, photos and timeline', async () => {
      await loadPage(page, `${h.appUrl}/returns/${graded}`, 'return', language);
      await page.getByText(`1 × ${words.damaged}`).waitFor();
      await page.getByRole('heading', { name: words.timeline }).waitFor();
      await page.locator('[data-action="return_received"]').getByText(words.received).waitFor();
      await page.locator('[data-action="return_refunded"]').waitFor();
      // people and places, not handles: the warehouse by its name, the merchant as "you"
      const detail = await api<ReturnDetailDto>('GET', `/returns/${graded}`);
      await page.locator('[data-action="return_received"]').getByText(detail.warehouse!, { exact: true }).waitFor();
      await page.locator('[data-action="return_requested"]').getByText(words.you, { exact: true }).waitFor();
      await page.getByText(words.byYou, { exact: true }).waitFor();
      expect(await page.locator('.timeline').innerText()).not.toMatch(/warehouse:|merchant:|shopify:/);
      expect(await page.locator('body').innerText()).not.toContain('asked by the merchant');
      // the replacement: asked on the line, shipped as an order the page links to
      await page.getByText(words.exchange(detail.lines[0]!.exchange!.title)).waitFor();
      await page.getByRole('link', { name: detail.exchangeOrder!.name }).waitFor();
      await screenshot(page, `return-page-${language}`);
      expect(errors).toEqual([]);
    });

    it('shows the figures with charts', async () => {
      await loadPage(page, `${h.appUrl}/returns/analytics`, 'returns-analytics', language);
      await page.getByRole('heading', { name: words.top }).waitFor();
      expect(await page.locator('svg.bars').count()).toBeGreaterThanOrEqual(3);
      await screenshot(page, `returns-analytics-${language}`);
      expect(errors).toEqual([]);
    });
  });
}

describe('acting on a return', () => {
  it('creates a return from the order page', async () => {
    // a shipped unit no return has claimed yet: each prepared return took one unit of one line
    const orders = (
      await api<{ items: { id: number }[] }>('GET', '/orders?status=shipped,delivered,partially_shipped&limit=200')
    ).items;
    const claimed = new Map<string, number>();
    for (const r of (await api<ReturnListDto>('GET', '/returns?limit=100')).items)
      for (const l of (await api<ReturnDetailDto>('GET', `/returns/${r.id}`)).lines)
        claimed.set(`${r.orderId}:${l.title}`, (claimed.get(`${r.orderId}:${l.title}`) ?? 0) + l.quantity);
    let target: { orderId: number; title: string } | undefined;
    for (const o of orders) {
      const d = await api<OrderDetailDto>('GET', `/orders/${o.id}`);
      const shipped = new Map<number, number>();
      for (const a of d.allocations)
        for (const l of a.lines) shipped.set(l.orderLineId, (shipped.get(l.orderLineId) ?? 0) + l.shippedQuantity);
      const free = d.lines.find((l) => (shipped.get(l.id) ?? 0) > (claimed.get(`${o.id}:${l.title}`) ?? 0));
      if (free) target = { orderId: o.id, title: free.title };
    }
    if (!target) throw new Error(`no shipped unit left to return among ${orders.length} orders`);
    await loadPage(page, `${h.appUrl}/orders/${target.orderId}`, 'order', 'fr');
    await page.getByRole('button', { name: 'Créer un retour' }).first().click();
    const dialog = page.getByRole('dialog');
    const rows = await dialog.getByRole('spinbutton').count();
    const titles = await dialog.locator('label').allTextContents();
    const row = titles.filter((x) => x !== 'Motif').findIndex((x) => x.startsWith(target.title));
    expect(row, `${target.title} among ${titles.join(', ')} (${rows} rows)`).toBeGreaterThanOrEqual(0);
    await dialog.getByRole('spinbutton').nth(row).fill('1');
    await dialog.getByLabel('Motif').nth(row).selectOption('defective');
    await screenshot(page, 'order-create-return-fr', false);
    await dialog.getByRole('button', { name: 'Créer un retour' }).click();
    await page.waitForURL(/\/returns\/\d+$/, { timeout: 15_000 });
    const id = Number(/\/returns\/(\d+)$/.exec(page.url())![1]);
    const made = await api<ReturnDetailDto>('GET', `/returns/${id}`);
    expect(made.orderId).toBe(target.orderId);
    expect(made.lines).toMatchObject([{ title: target.title, quantity: 1, reason: 'defective' }]);
    await page.getByText(made.rma).first().waitFor();
    expect(errors).toEqual([]);
  });

  it("approves the customer's request from its page", async () => {
    const requested = (await api<ReturnListDto>('GET', '/returns?state=requested')).items[0]!;
    await loadPage(page, `${h.appUrl}/returns/${requested.id}`, 'return', 'fr');
    await page.getByRole('button', { name: 'Accepter' }).click();
    await expect
      .poll(async () => (await api<ReturnDetailDto>('GET', `/returns/${requested.id}`)).status, { timeout: 15_000 })
      .toBe('approved');
    await page.getByRole('button', { name: 'Marquer en transit' }).waitFor();
    await page.getByText('Accepté', { exact: true }).first().waitFor();
    expect(errors).toEqual([]);
  });

  it('saves the return policy from its page', async () => {
    const before = await api<ReturnPolicyDto>('GET', '/returns/policy');
    await loadPage(page, `${h.appUrl}/returns/policy`, 'returns-policy', 'fr');
    await page.getByLabel('Délai de retour').fill('45');
    await page.getByLabel('Remboursement').selectOption('manual');
    await page
      .getByLabel('Étiquettes de produit ou de commande qui rendent une vente définitive')
      .fill('final-sale, soldes');
    await screenshot(page, 'returns-policy-fr');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect
      .poll(async () => api<ReturnPolicyDto>('GET', '/returns/policy'))
      .toMatchObject({ windowDays: 45, refundOn: 'manual', excludedTags: ['final-sale', 'soldes'] });
    await api('PUT', '/returns/policy', before);
    expect(errors).toEqual([]);
  });
});
