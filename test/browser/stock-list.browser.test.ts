import { describe, expect, it } from 'vitest';
import type { StockPage, SuppliersResponse } from '../../web/src/api/stock-types.js';
import { clickUntilUrl, loadPage, screenshot } from './browser.js';
import { useStockPages } from './stock-harness.js';
import { SHORT_SKUS } from './stock-scenario.js';

const ui = useStockPages('stock-list');
const { api, toast, rows, exportCsv } = ui;

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
