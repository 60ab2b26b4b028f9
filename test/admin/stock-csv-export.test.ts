import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogRepo } from '../../core/db/catalog-repo.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { STOCK_CSV_BATCH } from '../../core/use-cases/admin/stock-csv.js';
import { seedWarehouse } from '../helpers/fixtures.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

/** RFC 4180 as csv-stringify writes it: quoted fields may hold commas, doubled quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') endRow();
    else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** /stock.csv of a few thousand rows goes out batch by batch, complete, while other requests are answered. */
describe('stock CSV export of a large set', () => {
  let s: SimApp;
  let token: string;
  const held = 1300;
  const nowhere = 250;
  beforeAll(async () => {
    s = await startSimApp();
    token = await simShop(s.sim, 'big-export.myshopify.com');
    await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${token}` } });
    const shopId = (await createShopsRepo(s.t.ctx.db).byDomain('big-export.myshopify.com'))!.id;
    const db = s.t.ctx.db;
    await createCatalogRepo(db).upsertSkus(
      shopId,
      Array.from({ length: held + nowhere }, (_, i) => ({
        sku: `SKU-${String(i).padStart(5, '0')}`,
        title: i % 97 === 0 ? `=HYPERLINK("x") ${i}` : `Article, "n°" ${i}`,
        productExternalId: null,
        variantExternalId: `gid://shopify/ProductVariant/${i}`,
        inventoryItemExternalId: `gid://shopify/InventoryItem/${i}`,
        price: '10.00',
        unitCost: null,
        supplier: 'Fournisseur',
      })),
    );
    const a = await seedWarehouse(db, shopId, { name: 'Paris' });
    const b = await seedWarehouse(db, shopId, { name: 'Lyon' });
    // set-based, as bench/admin seeds: two levels for each of the first `held` SKUs
    await s.t.ctx.database.query(sql`
      insert into stock_levels (shop_id, warehouse_id, sku_id, on_hand, reserved)
      select ${shopId}, w.id, k.id, 7, 2
      from (select id from skus where shop_id = ${shopId} and sku < ${`SKU-${String(held).padStart(5, '0')}`}) k
      cross join (values (${a.id}::bigint), (${b.id}::bigint)) as w(id)`);
  }, 60_000);
  afterAll(async () => s.close());

  it('streams every row, in several writes, and answers a cheap request while the download is open', async () => {
    expect(held + nowhere).toBeGreaterThan(STOCK_CSV_BATCH * 2);
    const res = await fetch(`${s.appUrl}/api/admin/stock.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    // streamed: no length known up front, the answer comes in chunks
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const reader = res.body!.getReader();
    const chunks: Uint8Array[] = [];
    const first = await reader.read();
    chunks.push(first.value!);

    // the export is still open (its reader is paused): a cheap request is answered meanwhile
    const shop = await fetch(`${s.appUrl}/api/admin/shop`, { headers: { authorization: `Bearer ${token}` } });
    expect(shop.status).toBe(200);

    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    expect(chunks.length).toBeGreaterThan(1);
    const rows = parseCsv(Buffer.concat(chunks).toString('utf8'));
    expect(rows[0]!.slice(0, 4)).toEqual(['sku', 'title', 'supplier', 'warehouse']);
    const body = rows.slice(1);
    expect(body).toHaveLength(held * 2 + nowhere);
    // every SKU once per warehouse holding it, once for those held nowhere, in SKU order
    const perSku = new Map<string, string[]>();
    for (const r of body) perSku.set(r[0]!, [...(perSku.get(r[0]!) ?? []), r[3]!]);
    expect(perSku.size).toBe(held + nowhere);
    expect(perSku.get('SKU-00000')!.sort()).toEqual(['Lyon', 'Paris']);
    expect(perSku.get(`SKU-${String(held + nowhere - 1).padStart(5, '0')}`)).toEqual(['']);
    expect(body.find((r) => r[0] === 'SKU-00001')!.slice(4, 7)).toEqual(['7', '2', '5']);
    // the formula guard holds in every batch
    expect(body.find((r) => r[0] === 'SKU-00970')![1]).toBe(`'=HYPERLINK("x") 970`);
    expect(body.find((r) => r[0] === 'SKU-00001')![1]).toBe('Article, "n°" 1');
  });
});
