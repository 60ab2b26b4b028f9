import { describe, expect, it } from 'vitest';
import type { PurchaseOrdersResponse } from '../../web/src/api/stock-types.js';
import { loadPage } from './browser.js';
import { useStockPages, eur } from './stock-harness.js';

const ui = useStockPages('purchase-orders');
const { api, skuId, exportCsv } = ui;

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
