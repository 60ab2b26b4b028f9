import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {
  AlertsResponse,
  PurchaseOrdersResponse,
  SkuDetail,
  StockPage,
  StockSettingsResponse,
  SuppliersResponse,
} from '../../web/src/api/stock-types.js';
import type { OverviewResponse } from '../../web/src/api/types.js';
import {
  clickUntilUrl,
  launchChromium,
  loadPage,
  loadWithHeldData,
  openContext,
  reportTimings,
  screenshot,
  slug,
} from './browser.js';
import { startHarness, type BrowserHarness } from './harness.js';
import { adminApi, prepareStock, SHORT_SKUS } from './stock-scenario.js';

let h: BrowserHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

const api = <T>(method: string, path: string, body?: unknown) => adminApi<T>(h, method, path, body);
const toast = (text: string | RegExp) => page.locator('.Polaris-Frame-Toast').filter({ hasText: text }).first();
const skuId = async (code: string) =>
  (await api<StockPage>('GET', `/stock?q=${encodeURIComponent(code)}`)).items.find((s) => s.sku === code)!.id;
/** Euros as the English UI writes them for this French shop. */
const eur = (n: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(n);
/** The body rows of the page's first table. */
const rows = () => page.locator('tbody tr');

beforeAll(async () => {
  h = await startHarness({ language: 'en' });
  await prepareStock(h);
  browser = await launchChromium();
});

afterAll(async () => {
  await reportTimings('stock');
  await browser?.close();
  await h?.close();
});

beforeEach(async () => {
  ({ context, page, errors } = await openContext(browser));
});

afterEach(async (ctx) => {
  if (page.url() !== 'about:blank')
    await screenshot(page, `${ctx.task.result?.state === 'fail' ? 'FAILED-' : ''}${slug(ctx.task.name)}`, false).catch(
      () => {},
    );
  await context.close();
});

describe('stock, alerts and purchase orders in the admin app', () => {
  it('counts open stock alerts on the overview and opens them from there', async () => {
    const { total, groups } = await api<AlertsResponse>('GET', '/alerts');
    const critical = groups.flatMap((g) => g.items).filter((a) => a.severity === 'critical').length;
    expect((await api<OverviewResponse>('GET', '/overview')).stockAlerts).toEqual({ open: total, critical });
    expect(critical).toBeGreaterThan(0);
    // the overview's own answer carries the counts: the alerts list is not fetched for them
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await loadPage(page, `${h.appUrl}/`, 'overview', 'en');
    await page.getByText(`${critical} critical: ${critical === 1 ? 'a SKU is' : 'SKUs'} running out`).waitFor();
    expect(asked).not.toContain('/api/admin/alerts');
    await screenshot(page, 'overview-stock-alerts', false);
    await page.getByRole('link', { name: `Stock alerts: ${total}` }).click();
    await page.waitForURL(/\/alerts$/);
    await page.locator('body[data-page-ready="alerts"]').waitFor();
    await page.getByText(`${total} open alerts`).waitFor();
    expect(errors).toEqual([]);
  });

  it('lists stock per SKU and warehouse, filters it, and exports what the filters match as CSV', async () => {
    await loadPage(page, `${h.appUrl}/stock`, 'stock', 'en');
    const accuracy = await api<{ warehouses: { name: string; accuracy: number | null }[] }>('GET', '/stock/accuracy');
    for (const w of accuracy.warehouses) await page.getByRole('heading', { name: w.name }).waitFor();
    // the counts corrected Lille hardest: its accuracy is the one below 95 %
    expect(accuracy.warehouses.find((w) => w.name.includes('Lille'))!.accuracy).toBeLessThan(0.95);
    await expect.poll(() => rows().count()).toBe(50);

    await page.getByRole('tab', { name: 'Below reorder point' }).click();
    await page.waitForURL(/status=below_reorder_point/);
    const listed = async () => (await rows().locator('td:first-child a').allTextContents()).sort();
    await expect.poll(listed).toEqual([...SHORT_SKUS].sort());
    await page.getByRole('button', { name: /Search and filter/ }).click();
    await page.getByPlaceholder('Search by SKU or product title').fill('PULL-BORDEAUX');
    await page.waitForURL(/q=PULL-BORDEAUX/);
    await expect.poll(listed).toEqual(['PULL-BORDEAUX-L']);
    const short = rows().first();
    await expect.poll(() => short.textContent()).toMatch(/Runs out within lead time.*Below reorder point/);
    // Paris counted 2, Lyon 1, Lille nothing: 3 sellable
    expect(await short.locator('td').nth(5).textContent()).toBe('3');
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await page.waitForURL((u) => !u.search.includes('q='));
    await expect.poll(listed).toEqual([...SHORT_SKUS].sort());

    // the supplier filter offers every supplier named on a SKU, with its SKU count, not only those on this page
    const { items: suppliers } = await api<SuppliersResponse>('GET', '/suppliers');
    expect(suppliers.length).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Supplier', exact: true }).click();
    const supplierChoices = page.locator('.Polaris-Popover').getByRole('radio');
    await expect.poll(() => supplierChoices.count()).toBe(suppliers.length);
    for (const s of suppliers)
      await page
        .locator('.Polaris-Popover')
        .getByText(`${s.skus} SKU${s.skus === 1 ? '' : 's'}`, { exact: true })
        .first()
        .waitFor();
    await clickUntilUrl(
      page,
      page.locator('.Polaris-Popover').getByText('Atelier Denim Roubaix', { exact: true }),
      /supplier=Atelier/,
    );
    const denim = (
      await api<StockPage>(
        'GET',
        `/stock?status=below_reorder_point&supplier=${encodeURIComponent('Atelier Denim Roubaix')}`,
      )
    ).items
      .map((s) => s.sku)
      .sort();
    expect(denim).toContain('JEAN-BRUT-42');
    await expect.poll(listed).toEqual(denim);
    await screenshot(page, 'stock-supplier-filter', false);
    await page.locator('.Polaris-Popover').getByRole('button', { name: 'Clear', exact: true }).click();
    await page.waitForURL((u) => !u.search.includes('supplier='));
    await expect.poll(listed).toEqual([...SHORT_SKUS].sort());

    await page.getByRole('button', { name: 'Class', exact: true }).click();
    await clickUntilUrl(page, page.locator('.Polaris-Popover').getByText('Class A', { exact: true }), /abc=A/);
    const classA = (await api<StockPage>('GET', '/stock?status=below_reorder_point&abc=A')).items
      .map((s) => s.sku)
      .sort();
    await expect.poll(listed).toEqual(classA);
    await screenshot(page, 'stock-filtered', false);

    const answered = page.waitForResponse((r) => r.url().includes('/api/admin/stock.csv'));
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const res = await answered;
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/csv/);
    expect(new URL(res.url()).searchParams.get('status')).toBe('below_reorder_point');
    expect(new URL(res.url()).searchParams.get('abc')).toBe('A');
    const file = await downloaded;
    expect(file.suggestedFilename()).toBe('stock.csv');
    const csv = (await readFile((await file.path())!, 'utf8')).trim().split('\n');
    expect(csv[0]).toMatch(/^sku,title,supplier,warehouse,on_hand/);
    expect([...new Set(csv.slice(1).map((l) => l.split(',')[0]))].sort()).toEqual(classA);
    await toast('stock.csv downloaded').waitFor();

    const queued = page.waitForResponse((r) => r.url().endsWith('/api/admin/stock/recompute'));
    await page.getByRole('button', { name: 'Recompute now' }).click();
    expect((await queued).status()).toBe(202);
    await toast('Recomputing reorder points and alerts…').waitFor();
    // the page reads the numbers again once the run had time to finish
    await page.waitForResponse((r) => new URL(r.url()).pathname === '/api/admin/stock' && r.status() === 200);
    expect(errors).toEqual([]);
  });

  it('shows every alert with its formula and inputs, snoozes one, resolves another, and links each to its SKU', async () => {
    await loadPage(page, `${h.appUrl}/alerts`, 'alerts', 'en');
    const owed = page.getByRole('region', { name: 'Out of stock, units owed' });
    await expect.poll(() => owed.textContent()).toContain('SACADOS-NOIR');
    expect(await owed.locator('.formula').textContent()).toContain('available = on hand − reserved = 0 − 0 = 0 ≤ 0');
    const inputs = owed.getByRole('definition');
    expect(await owed.getByRole('term').allTextContents()).toEqual(['On hand', 'Reserved', 'Available', 'Backordered']);
    expect(await inputs.allTextContents()).toEqual(['0 units', '0 units', '0 units', '2 units']);

    const below = page.getByRole('region', { name: 'Below reorder point' });
    const open = (await api<AlertsResponse>('GET', '/alerts')).groups.find(
      (g) => g.kind === 'below_reorder_point',
    )!.items;
    const mug = open.find((a) => a.sku === 'MUG-GRES-BLEU')!;
    expect(await below.textContent()).toContain(mug.formula.split('; ')[0]);
    await below.getByRole('button', { name: 'Snooze “Below reorder point” on BONNET-MOUTARDE' }).click();
    await page.getByText('When the snooze ends, the alert opens again by itself.').waitFor();
    await page.getByRole('menuitem', { name: /^7 days/ }).click();
    await toast('Alert on BONNET-MOUTARDE snoozed for 7 days').waitFor();
    await expect.poll(() => below.getByRole('link', { name: 'BONNET-MOUTARDE' }).count()).toBe(0);
    await below.getByRole('button', { name: 'Resolve “Below reorder point” on MUG-GRES-BLEU' }).click();
    // resolving says first that the alert comes back if its condition still holds
    await page.getByText('If its condition still holds at the next recompute, a new alert is raised.').waitFor();
    await page.getByRole('button', { name: 'Resolve alert' }).click();
    await toast('Alert on MUG-GRES-BLEU resolved').waitFor();
    await expect.poll(() => below.getByRole('link', { name: 'MUG-GRES-BLEU' }).count()).toBe(0);

    const snoozed = (await api<AlertsResponse>('GET', '/alerts?status=snoozed')).groups.flatMap((g) => g.items);
    expect(snoozed.map((a) => a.sku)).toEqual(['BONNET-MOUTARDE']);
    const days = (Date.parse(snoozed[0]!.snoozedUntil!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    await page.getByRole('tab', { name: 'Snoozed' }).click();
    await page.waitForURL(/status=snoozed/);
    await expect
      .poll(() => page.getByRole('region', { name: 'Below reorder point' }).textContent())
      .toMatch(/BONNET-MOUTARDE.*Snoozed until .*, then opens again by itself/);
    await screenshot(page, 'alerts-snoozed', false);
    await page.getByRole('tab', { name: 'Resolved' }).click();
    await page.waitForURL(/status=resolved/);
    await expect
      .poll(() => page.getByRole('region', { name: 'Below reorder point' }).textContent())
      .toMatch(/MUG-GRES-BLEU.*Resolved .* by your team/);
    await screenshot(page, 'alerts-resolved', false);

    await page.getByRole('tab', { name: 'Open' }).click();
    await page
      .getByRole('region', { name: 'Out of stock, units owed' })
      .getByRole('link', { name: 'SACADOS-NOIR' })
      .click();
    await page.waitForURL(new RegExp(`/stock/${await skuId('SACADOS-NOIR')}$`));
    await page.locator('body[data-page-ready="sku"]').waitFor();
    expect(await page.locator('h1').first().textContent()).toBe('SACADOS-NOIR');
    expect(errors).toEqual([]);
  });

  it('draws a SKU’s demand against its reorder point and safety stock, lists its ledger, and saves its purchasing details', async () => {
    const id = await skuId('PULL-BORDEAUX-L');
    const detail = await api<SkuDetail>('GET', `/skus/${id}?days=90`);
    const r = detail.replenishment!;
    await loadPage(page, `${h.appUrl}/stock/${id}`, 'sku', 'en');
    const chart = page.getByRole('img', { name: /Units sold per day over the last 90 days/ });
    await chart.waitFor();
    const rop = chart.locator('.chart-rop line');
    const ss = chart.locator('.chart-ss line');
    expect(await rop.count()).toBe(1);
    expect(await ss.count()).toBe(1);
    expect(await chart.locator('.chart-rop text').isVisible()).toBe(true);
    expect(await chart.locator('.chart-ss text').isVisible()).toBe(true);
    // the reorder point is above the safety stock by d·L
    expect(Number(await rop.getAttribute('y1'))).toBeLessThan(Number(await ss.getAttribute('y1')));
    expect(await chart.locator('.chart-rop text').textContent()).toBe(`ROP ${r.reorderPoint.toFixed(1)}`);
    expect(await chart.locator('.chart-ss text').textContent()).toBe(`SS ${r.safetyStock.toFixed(1)}`);
    expect(await chart.locator('rect.chart-bar').count()).toBe(detail.demand.filter((d) => d.units > 0).length);
    expect(await page.locator('.formula code').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ROP = SS \+ d·L = /),
        expect.stringMatching(/^SS = z·√\(L·σ² \+ d²·σL²\) = /),
        expect.stringMatching(/^EOQ = √\(2DK\/H\) = √\(2 × /),
      ]),
    );

    // each channel's sellable units, after its buffer
    await page.getByRole('heading', { name: 'Sellable per channel' }).waitFor();
    const shopify = detail.channels.find((c) => c.channel === 'shopify')!;
    expect(await page.getByRole('row', { name: /^Shopify/ }).textContent()).toContain(String(shopify.sellable));
    await screenshot(page, 'sku-channels-en', false);

    const ledger = page.locator('.ledger-table tbody tr');
    await expect.poll(() => ledger.count()).toBe(detail.ledger.length);
    const paris = detail.ledger.find((m) => m.reason === 'snapshot_correction' && m.warehouse.includes('Paris'))!;
    expect(await ledger.filter({ hasText: paris.reference }).textContent()).toMatch(
      new RegExp(`3PL count correction.*−${-paris.delta}$`),
    );

    const purchasing = page.getByRole('group', { name: 'Purchasing' });
    await purchasing.getByLabel('Pack size').fill('0');
    await purchasing.getByRole('button', { name: 'Save' }).click();
    await purchasing.getByText('Purchasing details were not saved').waitFor();
    await purchasing.getByText(/expected number to be >=1/).waitFor();
    await purchasing.getByLabel('Pack size').fill('5');
    await purchasing.getByRole('spinbutton', { name: /^Lead time( days)?$/ }).fill('30');
    await purchasing.getByRole('button', { name: 'Save' }).click();
    await toast('Purchasing details saved. Reorder points are being recomputed.').waitFor();
    expect((await api<SkuDetail>('GET', `/skus/${id}`)).sku).toMatchObject({
      packSize: 5,
      leadTimeDays: 30,
      supplier: 'Filature des Vosges',
    });
    // the save queues a recompute; the page shows the new lead time once it ran
    await expect
      .poll(async () => (await api<SkuDetail>('GET', `/skus/${id}`)).replenishment?.leadTimeDays, { timeout: 20_000 })
      .toBe(30);
    await loadPage(page, `${h.appUrl}/stock/${id}`, 'sku', 'en');
    await expect.poll(() => page.locator('dl.facts').textContent()).toContain('Lead time (L)30 days ± 4');
    expect(errors).toEqual([]);
  });

  it('suggests purchase orders per supplier with the numbers behind each line, and exports them', async () => {
    const { orders } = await api<PurchaseOrdersResponse>('GET', '/purchase-orders');
    expect(orders.length).toBeGreaterThan(1);
    await loadPage(page, `${h.appUrl}/purchase-orders`, 'purchase-orders', 'en');
    for (const o of orders) {
      const card = page.getByRole('region', { name: `Purchase order for ${o.supplier}` });
      for (const l of o.lines) {
        const row = card.locator('tbody tr').filter({ hasText: l.sku });
        const text = await row.textContent();
        // as the page writes it: at most one decimal, none for a whole number
        expect(text).toContain(
          `≤ ROP ${new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(l.reorderPoint)}`,
        );
        expect(text).toContain(eur(l.lineCost!));
        expect(text).toContain(String(l.quantity));
        expect(l.skuId).not.toBeNull();
        expect(await row.getByRole('link', { name: l.sku }).getAttribute('href')).toBe(`/stock/${l.skuId}`);
      }
      expect(await card.locator('tfoot').textContent()).toContain(eur(o.totalCost!));
    }
    const mugs = page
      .getByRole('region', { name: 'Purchase order for Maison Lumière' })
      .locator('tbody tr')
      .filter({ hasText: 'MUG-GRES-BLEU' });
    expect(await mugs.textContent()).toMatch(/\d+ packs of 6/);
    await mugs.getByRole('link', { name: 'MUG-GRES-BLEU' }).click();
    await page.waitForURL(new RegExp(`/stock/${await skuId('MUG-GRES-BLEU')}$`));
    await page.locator('body[data-page-ready="sku"]').waitFor();
    await page.goBack();
    await page.locator('body[data-page-ready="purchase-orders"]').waitFor();

    const answered = page.waitForResponse((r) => r.url().endsWith('/api/admin/purchase-orders.csv'));
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const res = await answered;
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/csv/);
    const file = await downloaded;
    expect(file.suggestedFilename()).toBe('purchase-orders.csv');
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'supplier,warehouse,sku,title,quantity,pack_size,packs,unit_cost,line_cost,inventory_position,reorder_point,eoq',
    );
    for (const o of orders) for (const l of o.lines) expect(csv).toContain(l.sku);
    expect(errors).toEqual([]);
  });

  it('saves a new service level and a supplier lead time; a bad value shows the server’s error at its field', async () => {
    await loadPage(page, `${h.appUrl}/settings/replenishment`, 'replenishment', 'en');
    const service = page.getByRole('group', { name: 'Service level' });
    const level = service.getByRole('spinbutton', { name: 'Service level' });
    expect(await level.inputValue()).toBe('95');
    await service.getByText('Safety factor z = 1.64').waitFor();
    await page
      .getByRole('group', { name: 'Channel buffers' })
      .getByText(/Sync lag not measured yet|Measured sync lag: [\d.]+ s/)
      .waitFor();

    await level.fill('99.995');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Replenishment settings were not saved').waitFor();
    await service.getByText(/expected number to be <=0\.9999/).waitFor();
    expect(await level.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'replenishment-bad-value', false);

    await level.fill('98');
    await service.getByText('Safety factor z = 2.05').waitFor();
    const leadTimes = page.getByRole('group', { name: 'Lead times' });
    await leadTimes.getByRole('button', { name: 'Add supplier' }).click();
    await leadTimes.getByRole('textbox', { name: 'Supplier' }).last().fill('Atelier Denim Roubaix');
    await leadTimes
      .getByRole('spinbutton', { name: /^Lead time( days)?$/ })
      .last()
      .fill('12');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/admin/stock-settings') && r.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await saved).status()).toBe(200);
    await toast('Replenishment settings saved. Reorder points are being recomputed.').waitFor();
    expect(await page.getByText('Replenishment settings were not saved').count()).toBe(0);
    const { settings } = await api<StockSettingsResponse>('GET', '/stock-settings');
    expect(settings.serviceLevel).toBe(0.98);
    expect(settings.supplierLeadTimes['Atelier Denim Roubaix']).toEqual({ days: 12, stdDays: null });
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('the stock pages, loading and in both languages', () => {
  it('holds each stock page’s shape with skeletons while its data loads', async () => {
    const sku = await skuId('PULL-BORDEAUX-L');
    const cases = [
      ['/stock', 'stock', (u: URL) => u.pathname === '/api/admin/stock'],
      [`/stock/${sku}`, 'sku', (u: URL) => u.pathname.startsWith('/api/admin/skus/')],
      ['/alerts', 'alerts', (u: URL) => u.pathname === '/api/admin/alerts'],
      ['/purchase-orders', 'purchase-orders', (u: URL) => u.pathname === '/api/admin/purchase-orders'],
      ['/settings/replenishment', 'replenishment', (u: URL) => u.pathname === '/api/admin/stock-settings'],
    ] as const;
    for (const [path, name, held] of cases) {
      expect(
        await loadWithHeldData(page, `${h.appUrl}${path}`, name, held, 'demo-fr.myshopify.com'),
        name,
      ).toBeLessThan(0.1);
    }
  });

  it('opens every stock page in English, then in French', async () => {
    const sku = await skuId('PULL-BORDEAUX-L');
    const pages = [
      { path: '/', name: 'overview', en: 'Overview', fr: 'Vue d’ensemble', full: false },
      { path: '/stock', name: 'stock', en: 'Stock', fr: 'Stock', full: false },
      { path: '/alerts', name: 'alerts', en: 'Stock alerts', fr: 'Alertes de stock', full: false },
      { path: `/stock/${sku}`, name: 'sku', en: 'PULL-BORDEAUX-L', fr: 'PULL-BORDEAUX-L', full: true },
      {
        path: '/purchase-orders',
        name: 'purchase-orders',
        en: 'Purchase orders',
        fr: 'Commandes fournisseurs',
        full: true,
      },
      {
        path: '/settings/replenishment',
        name: 'replenishment',
        en: 'Replenishment',
        fr: 'Réapprovisionnement',
        full: true,
      },
    ];
    try {
      for (const language of ['en', 'fr'] as const) {
        await api('PATCH', '/settings', { language });
        for (const p of pages) {
          await loadPage(page, `${h.appUrl}${p.path}`, p.name, language);
          await expect.poll(() => page.locator('h1').first().textContent()).toBe(p[language]);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
          // the overview's own screenshots come from pages.browser.test.ts, on a shop without stock alerts
          await screenshot(
            page,
            p.name === 'overview' ? `overview-stock-alerts-${language}` : `page-${p.name}-${language}`,
            p.full,
          );
          if (p.name === 'alerts') {
            // what snooze and resolve say before they act
            await page
              .locator('.Polaris-Button')
              .filter({ hasText: language === 'en' ? 'Snooze' : 'Reporter' })
              .first()
              .click();
            await page.locator('.Polaris-Popover__PopoverOverlay--open').getByRole('menuitem').first().waitFor();
            await screenshot(page, `alerts-snooze-menu-${language}`, false);
            await page.keyboard.press('Escape');
            await page.getByRole('menuitem').first().waitFor({ state: 'hidden' });
            await page
              .locator('.Polaris-Button')
              .filter({ hasText: language === 'en' ? 'Resolve' : 'Résoudre' })
              .first()
              .click();
            await page
              .locator('.Polaris-Popover__PopoverOverlay--open')
              .getByRole('button', { name: language === 'en' ? 'Resolve alert' : 'Résoudre l’alerte' })
              .waitFor();
            await screenshot(page, `alerts-resolve-confirm-${language}`, false);
            await page.keyboard.press('Escape');
          }
        }
      }
      // French numbers and dates, the shop's euros
      await loadPage(page, `${h.appUrl}/purchase-orders`, 'purchase-orders', 'fr');
      await expect.poll(() => page.locator('tfoot').first().textContent()).toMatch(/\d,\d{2}\s€/);
    } finally {
      await api('PATCH', '/settings', { language: 'en' });
    }
    expect(errors).toEqual([]);
  });
});
