import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createChannelAccountsRepo } from '../../core/db/channel-accounts-repo.js';
import type { StockPage, StockSettingsResponse } from '../../web/src/api/stock-types.js';
import { createAmazonSim, type AmazonSim } from '../../sim/amazon/index.js';
import { createMiraklSim, type MiraklSim } from '../../sim/mirakl/index.js';
import { amazonSimAccount, miraklSimAccount } from '../helpers/sim-channel-accounts.js';
import { launchChromium, loadPage, openContext, reportTimings, screenshot } from './browser.js';
import { startHarness, type BrowserHarness } from './harness.js';
import { adminApi } from './stock-scenario.js';

let h: BrowserHarness;
let mirakl: MiraklSim;
let amazon: AmazonSim;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

const api = <T>(method: string, path: string, body?: unknown) => adminApi<T>(h, method, path, body);

/** The Stock table's heading texts and, per SKU, its cells' texts. */
async function readTable(): Promise<{ headings: string[]; rows: Map<string, string[]> }> {
  const table = page.locator('table.Polaris-IndexTable__Table');
  const headings = (await table.locator('thead th').allTextContents()).map((s) => s.trim());
  const rows = new Map<string, string[]>();
  for (const r of await table.locator('tbody tr').all()) {
    const cells = (await r.locator('td').allTextContents()).map((s) => s.trim());
    rows.set(cells[0]!, cells);
  }
  return { headings, rows };
}

beforeAll(async () => {
  h = await startHarness({ language: 'en' });
  mirakl = createMiraklSim({ apiKey: 'fnac-key', shopName: 'Maison Démo sur Fnac' });
  const miraklUrl = await mirakl.start(0);
  amazon = createAmazonSim({ storeName: 'Maison Démo sur Amazon' });
  const amazonUrl = await amazon.start(0);
  const accounts = createChannelAccountsRepo(h.t.ctx.db);
  await accounts.create(h.shopId, miraklSimAccount(h.t.ctx, miraklUrl, { apiKey: 'fnac-key' }));
  await accounts.create(h.shopId, amazonSimAccount(h.t.ctx, amazon, amazonUrl));
  // Fnac keeps 5 units back, Amazon a fifth of what is free: the columns differ from one another
  const { settings } = await api<StockSettingsResponse>('GET', '/stock-settings');
  await api('PUT', '/stock-settings', {
    ...settings,
    buffers: { ...settings.buffers, fnac: { kind: 'fixed', units: 5 }, amazon: { kind: 'percent', percent: 20 } },
  });
  browser = await launchChromium();
  ({ context, page, errors } = await openContext(browser));
});

afterAll(async () => {
  await reportTimings('stock-channels');
  await context?.close();
  await browser?.close();
  await mirakl?.stop();
  await amazon?.stop();
  await h?.close();
});

describe('the Stock list, sellable per channel', () => {
  it('has a column per channel with the figures the API computes, in English then in French', async () => {
    const data = await api<StockPage>('GET', '/stock?limit=50');
    expect(data.channels.map((c) => c.name)).toEqual(['Shopify', 'Fnac Darty', 'Amazon.fr']);
    // the buffers make the channels' figures differ somewhere on the page
    expect(data.items.some((i) => new Set(i.channels).size > 1)).toBe(true);

    for (const language of ['en', 'fr'] as const) {
      if (language === 'fr') {
        await api('PATCH', '/settings', { language });
        await expect
          .poll(async () => (await api<{ settings: { language: string } }>('GET', '/shop')).settings.language, {
            timeout: 45_000,
            interval: 500,
          })
          .toBe('fr');
      }
      await loadPage(page, `${h.appUrl}/stock`, 'stock', language);
      const { headings, rows } = await readTable();
      const sellable = headings.indexOf(language === 'en' ? 'Sellable' : 'Vendable');
      expect(sellable, headings.join(' | ')).toBeGreaterThan(0);
      // each channel's column follows the all-warehouse total, in the API's order
      expect(headings.slice(sellable + 1, sellable + 4)).toEqual(['Shopify', 'Fnac Darty', 'Amazon.fr']);
      const number = new Intl.NumberFormat(language);
      for (const item of data.items.slice(0, 20)) {
        const cells = [...rows.entries()].find(([first]) => first.startsWith(item.sku))?.[1];
        expect(cells, item.sku).toBeDefined();
        expect(cells!.slice(sellable + 1, sellable + 4), item.sku).toEqual(item.channels.map((n) => number.format(n)));
      }
      await page.locator('thead th').filter({ hasText: 'Fnac Darty' }).first().hover();
      await page
        .getByText(
          language === 'en'
            ? 'Sellable on Fnac Darty: available in every active warehouse minus the channel buffer'
            : 'Vendable sur Fnac Darty : le disponible de tous les entrepôts actifs moins la réserve du canal',
        )
        .waitFor();
      await screenshot(page, `stock-channels-${language}`, false);
    }
    expect(errors).toEqual([]);
  });
});
