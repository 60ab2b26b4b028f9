import { describe, expect, it } from 'vitest';
import type { SkuDetail } from '../../web/src/api/stock-types.js';
import { loadPage, screenshot } from './browser.js';
import { useStockPages } from './stock-harness.js';

const ui = useStockPages('sku-page');
const { api, toast, skuId } = ui;

describe('a SKU’s page in the admin app', () => {
  it('draws a SKU’s demand against its reorder point and safety stock, lists its ledger, and saves its purchasing details', async () => {
    const { h, page, errors } = ui;
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
});
