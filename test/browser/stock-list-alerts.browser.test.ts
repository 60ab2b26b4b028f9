import type { AlertsResponse, StockPage, SuppliersResponse } from '../../web/src/api/stock-types.js';
import type { OverviewResponse } from '../../web/src/api/types.js';
import { clickUntilUrl, loadPage, screenshot } from './browser.js';
import { useStockPages } from './stock-harness.js';
import { SHORT_SKUS } from './stock-scenario.js';
import { describe, expect, it } from 'vitest';

// one harness for the pages below: each file of the browser suite starts its own app, serially
const ui = useStockPages('stock-list-alerts');
const { api, exportCsv, rows, skuId, toast } = ui;

describe('stock alerts on the overview and on their own page', () => {
  it('counts open stock alerts on the overview and opens them from there', async () => {
    const { h, page, errors } = ui;
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

  it('shows every alert with its formula and inputs, snoozes one, resolves another, and links each to its SKU', async () => {
    const { h, page, errors } = ui;
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
});

describe('the stock list in the admin app', () => {
  it('lists stock per SKU and warehouse, filters it, and exports what the filters match as CSV', async () => {
    const { h, page, errors } = ui;
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

    const { res, name, text } = await exportCsv((url) => url.includes('/api/admin/stock.csv'));
    expect(new URL(res.url()).searchParams.get('status')).toBe('below_reorder_point');
    expect(new URL(res.url()).searchParams.get('abc')).toBe('A');
    expect(name).toBe('stock.csv');
    const csv = text.trim().split('\n');
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
});
