import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, openContext, screenshot } from './browser.js';

/**
 * The three Shopify UI extension blocks rendered in a local harness page (extensions/harness)
 * with demo data. Shopify's Polaris web components come from Shopify's host, which is not here:
 * the harness styles the `s-*` tags with a local stand-in so the screenshot shows the layout.
 */
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let bundle: string;

beforeAll(async () => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('../../extensions-kit/harness/harness-page.tsx', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  bundle = out.outputFiles[0]!.text;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  ({ context, page, errors } = await openContext(browser));
});

afterEach(async () => {
  await context.close();
});

async function open(lang: 'en' | 'fr') {
  // a page of its own origin, so the harness reads ?lang= from its URL
  await page.route('http://harness.local/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Extension blocks</title></head><body><script type="module">${bundle.replace(/<\/script/g, '<\\/script')}</script></body></html>`,
    }),
  );
  await page.goto(`http://harness.local/?lang=${lang}`);
  await page.waitForFunction(() =>
    ['order', 'product', 'tracking'].every(
      (b) =>
        !document.querySelector(`[data-block="${b}"] s-spinner`) &&
        document.querySelector(`[data-block="${b}"]`)?.textContent,
    ),
  );
}

describe('Shopify extension blocks in a local harness', () => {
  it('renders the order, product and customer blocks from demo data, and re-routes from the order block', async () => {
    await open('en');
    const order = page.locator('[data-block="order"]');
    await expect.poll(() => order.textContent()).toContain('Split into 2 shipments: Paris Nord, Lyon Sud.');
    expect(await order.locator('s-admin-block').getAttribute('heading')).toBe('Routing and tracking');
    expect(await order.locator('s-link', { hasText: 'See the full trace' }).getAttribute('href')).toBe(
      'app:orders/1042#trace',
    );
    expect(await order.locator('s-badge', { hasText: 'Accepted by the 3PL' }).count()).toBe(1);
    expect(await order.locator('s-link', { hasText: '6A12345678901' }).getAttribute('href')).toContain('laposte.fr');

    const product = page.locator('[data-block="product"]');
    expect(await product.textContent()).toContain('40 on hand · 6 reserved · 34 available');
    expect(await product.textContent()).toContain('Reorder point: 48.2');
    expect(await product.locator('s-link', { hasText: 'Open the SKU page' }).first().getAttribute('href')).toBe(
      'app:stock/77',
    );

    const tracking = page.locator('[data-block="tracking"]');
    expect(await tracking.textContent()).toContain('Parcel 1 of 1');
    expect(await tracking.locator('s-link').first().getAttribute('href')).toContain('6A12345678901');
    expect(await tracking.textContent()).toContain('Pris en charge par La Poste');
    await screenshot(page, 'extension-blocks-en');

    await order.locator('s-button', { hasText: 'Re-route' }).click();
    await expect.poll(() => order.locator('s-banner[tone="success"]').textContent()).toContain('Re-routing queued');
    const calls = await page.evaluate(
      () => (window as unknown as { __calls: { method: string; path: string; body?: unknown }[] }).__calls,
    );
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      { method: 'POST', path: '/api/extensions/admin/order/reroute', body: { id: 'gid://shopify/Order/1042' } },
    ]);
    expect(errors).toEqual([]);
  });

  it('renders the blocks in French', async () => {
    await open('fr');
    expect(await page.locator('[data-block="order"]').textContent()).toContain(
      'Répartie en 2 envois : Paris Nord, Lyon Sud.',
    );
    expect(await page.locator('[data-block="product"]').textContent()).toContain('Point de commande : 48,2');
    expect(await page.locator('[data-block="tracking"]').textContent()).toContain('Colis 1 sur 1');
    await screenshot(page, 'extension-blocks-fr');
    expect(errors).toEqual([]);
  });
});
