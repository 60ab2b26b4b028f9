import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import type { StockPage } from '../../web/src/api/stock-types.js';
import { launchChromium, openContext, reportTimings, screenshot, slug } from './browser.js';
import { startHarness, type BrowserHarness } from './harness.js';
import { adminApi, prepareStock } from './stock-scenario.js';

/** What a stock browser test works with; `page`, `context` and `errors` are fresh for each test. */
export interface StockPages {
  h: BrowserHarness;
  context: BrowserContext;
  page: Page;
  /** the page's console errors and failed requests so far */
  errors: string[];
  /** the admin API as the page calls it */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** the toast that says `text` */
  toast(text: string | RegExp): Locator;
  /** our id of a SKU, by its code */
  skuId(code: string): Promise<number>;
  /** the body rows of the page's first table */
  rows(): Locator;
  /**
   * Clicks Export CSV and checks the API answered a CSV from a URL `fromUrl` accepts; the answer,
   * and the name and text of the file the browser saved.
   */
  exportCsv(fromUrl: (url: string) => boolean): Promise<{ res: Response; name: string; text: string }>;
}

/**
 * Registers the hooks every stock browser file shares: the demo harness in English with the stock
 * scenario prepared, one Chromium, a fresh context per test and a screenshot after each (`FAILED-`
 * first when it failed). `file` names the page-load timings this file reports.
 */
export function useStockPages(file: string): StockPages {
  let browser: Browser;
  const ui = {
    api: <T>(method: string, path: string, body?: unknown) => adminApi<T>(ui.h, method, path, body),
    toast: (text: string | RegExp) => ui.page.locator('.Polaris-Frame-Toast').filter({ hasText: text }).first(),
    skuId: async (code: string) =>
      (await ui.api<StockPage>('GET', `/stock?q=${encodeURIComponent(code)}`)).items.find((s) => s.sku === code)!.id,
    rows: () => ui.page.locator('tbody tr'),
    exportCsv: async (fromUrl: (url: string) => boolean) => {
      const answered = ui.page.waitForResponse((r) => fromUrl(r.url()));
      const downloaded = ui.page.waitForEvent('download');
      await ui.page.getByRole('button', { name: 'Export CSV' }).click();
      const res = await answered;
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toMatch(/^text\/csv/);
      const file = await downloaded;
      return { res, name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
    },
  } as StockPages;

  beforeAll(async () => {
    ui.h = await startHarness({ language: 'en' });
    await prepareStock(ui.h);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await reportTimings(file);
    await browser?.close();
    await ui.h?.close();
  });
  beforeEach(async () => {
    ({ context: ui.context, page: ui.page, errors: ui.errors } = await openContext(browser));
  });
  afterEach(async (ctx) => {
    if (ui.page.url() !== 'about:blank')
      await screenshot(
        ui.page,
        `${ctx.task.result?.state === 'fail' ? 'FAILED-' : ''}${slug(ctx.task.name)}`,
        false,
      ).catch((err: Error) =>
        // the test's own result stands; a missing picture is only reported
        console.warn(`screenshot after "${ctx.task.name}" not taken: ${err.message}`),
      );
    await ui.context.close();
  });
  return ui;
}

/** Euros as the English UI writes them for this French shop. */
export const eur = (n: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(n);
