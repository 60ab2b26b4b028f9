import type { PurchaseOrdersResponse, SkuDetail, StockSettingsResponse } from '../../web/src/api/stock-types.js';
import { loadPage, loadWithHeldData, screenshot } from './browser.js';
import { eur, useStockPages } from './stock-harness.js';
import { describe, expect, it } from 'vitest';

// one harness for the pages below: each file of the browser suite starts its own app, serially
const ui = useStockPages('stock-sku-orders-settings');
const { api, exportCsv, skuId, toast } = ui;

describe('a SKU’s page in the admin app', () => {
  it('draws a SKU’s demand against its reorder point and safety stock, lists its ledger, and saves its purchasing details', async () => {
    const { h, page, errors } = ui;
    const id = await skuId('PULL-BORDEAUX-L');
    const answered = page.waitForResponse(
      (res) => res.request().method() === 'GET' && new URL(res.url()).pathname.endsWith(`/skus/${id}`),
    );
    await loadPage(page, `${h.appUrl}/stock/${id}`, 'sku', 'en');
    // the figures the page itself was given: a second read made when the shop's day turns (midnight
    // in Paris is 23:00 UTC) looks at another 90-day window, with another reorder point
    const detail = (await (await answered).json()) as SkuDetail;
    const r = detail.replenishment!;
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
});

describe('suggested purchase orders in the admin app', () => {
  it('suggests purchase orders per supplier with the numbers behind each line, and exports them', async () => {
    const { h, page, errors } = ui;
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

    const { name, text: csv } = await exportCsv((url) => url.endsWith('/api/admin/purchase-orders.csv'));
    expect(name).toBe('purchase-orders.csv');
    expect(csv.split('\n')[0]).toBe(
      'supplier,warehouse,sku,title,quantity,pack_size,packs,unit_cost,line_cost,inventory_position,reorder_point,eoq',
    );
    for (const o of orders) for (const l of o.lines) expect(csv).toContain(l.sku);
    expect(errors).toEqual([]);
  });
});

describe('the replenishment settings in the admin app', () => {
  it('saves a new service level and a supplier lead time; a bad value shows the server’s error at its field', async () => {
    const { h, page, errors } = ui;
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
    const { h, page } = ui;
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
    const { h, page, errors } = ui;
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
