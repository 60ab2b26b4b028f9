import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogRepo } from '../../core/db/catalog-repo.js';
import { neutralizeFormula } from '../../server/routes/admin/csv.js';
import { bearer, startSecurityWorld, type SecurityWorld } from './harness.js';

describe('CSV exports cannot carry spreadsheet formulas', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld();
  });
  afterAll(async () => w.close());

  it('neutralizes formula starts and leaves numbers alone', () => {
    expect(
      ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\r=x', '-12', '3.5', '+4', 'plain'].map(neutralizeFormula),
    ).toEqual(["'=1+1", "'+cmd", "'-2+3", "'@SUM(A1)", "'\tx", "'\r=x", '-12', '3.5', '+4', 'plain']);
  });

  it('escapes SKU, title and supplier in /stock.csv', async () => {
    await createCatalogRepo(w.t.ctx.db).upsertSkus(w.a.shop.id, [
      {
        sku: '@EVIL',
        title: '=HYPERLINK("http://evil.example","x")',
        productExternalId: null,
        variantExternalId: 'gid://shopify/ProductVariant/evil',
        inventoryItemExternalId: null,
        price: '1.00',
        unitCost: null,
        supplier: '+cmd|calc',
      },
    ]);
    const res = await w.app.inject({ url: '/api/admin/stock.csv', headers: bearer(w.a.token) });
    expect(res.statusCode).toBe(200);
    const line = res.body.split('\n').find((l) => l.includes('EVIL'))!;
    expect(line.startsWith("'@EVIL,")).toBe(true);
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(line).toContain("'+cmd|calc");
    for (const cell of res.body.split('\n').flatMap((l) => l.split(','))) expect(cell).not.toMatch(/^[=+@]/);
  });
});
