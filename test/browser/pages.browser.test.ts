import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiError, createApiClient } from '../../web/src/api/client.js';
import { createDemoTokenSource, type TokenSource } from '../../web/src/api/session-token.js';
import type { OrderPage } from '../../web/src/api/types.js';
import { launchChromium, loadPage, loadWithHeldData, openContext, reportTimings, screenshot, slug } from './browser.js';
import { DEMO_SHOP, startHarness, type BrowserHarness } from './harness.js';

let h: BrowserHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

/** Calls the admin API as the page does, with a fresh demo session token. */
async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${h.appUrl}/api/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${await h.token()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Sets the shop's language and waits until the API reports it: the admin API keeps an
 * authenticated shop for up to 30 s, so a reload right after a change may still see the old one.
 */
async function setLanguage(language: 'en' | 'fr'): Promise<void> {
  await api('PATCH', '/settings', { language });
  await expect
    .poll(async () => (await api<{ settings: { language: string } }>('GET', '/shop')).settings.language, {
      timeout: 45_000,
      interval: 500,
    })
    .toBe(language);
}

beforeAll(async () => {
  h = await startHarness();
  browser = await launchChromium();
});

afterAll(async () => {
  await reportTimings('pages');
  await browser?.close();
  await h?.close();
});

beforeEach(async () => {
  ({ context, page, errors } = await openContext(browser));
});

afterEach(async (ctx) => {
  // the last state of every test, kept when it failed too
  if (page.url() !== 'about:blank')
    await screenshot(page, `${ctx.task.result?.state === 'fail' ? 'FAILED-' : ''}${slug(ctx.task.name)}`).catch(
      () => {},
    );
  await context.close();
});

/** Each page, the element that proves its content is there, and its title per language. */
const PAGES = [
  { path: '/', name: 'overview', en: 'Overview', fr: 'Vue d’ensemble' },
  { path: '/orders', name: 'orders', en: 'Orders', fr: 'Commandes' },
  { path: '/warehouses', name: 'warehouses', en: 'Warehouses', fr: 'Entrepôts' },
  { path: '/warehouses/new', name: 'warehouse-new', en: 'Add warehouse', fr: 'Ajouter un entrepôt' },
  { path: '/rules', name: 'rules', en: 'Routing rules', fr: 'Règles de routage' },
  { path: '/dead-letters', name: 'dead-letters', en: 'Dead letters', fr: 'Événements en échec' },
  { path: '/settings', name: 'settings', en: 'Settings', fr: 'Paramètres' },
  { path: '/emails', name: 'emails', en: 'E-mails', fr: 'E-mails' },
] as const;

describe('the admin app, page by page', () => {
  it('opens every page in French, then in English after switching the language in Settings', async () => {
    await setLanguage('fr');
    const [first] = (await api<OrderPage>('GET', `/orders?q=${encodeURIComponent(h.liveOrders[0]!)}`)).items;
    const all = [
      ...PAGES,
      { path: `/orders/${first!.id}`, name: 'order', en: first!.name, fr: first!.name },
      {
        path: `/warehouses/${h.warehouses[0]!.id}`,
        name: 'warehouse',
        en: h.warehouses[0]!.name,
        fr: h.warehouses[0]!.name,
      },
    ];

    for (const p of all) {
      await loadPage(page, `${h.appUrl}${p.path}`, p.name, 'fr');
      await expect.poll(() => page.locator('h1').first().textContent()).toBe(p.fr);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
      await screenshot(page, `page-${p.name}-fr`, p.name !== 'orders');
    }

    await loadPage(page, `${h.appUrl}/settings`, 'settings', 'fr');
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Settings saved').waitFor();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Settings');
    await expect.poll(() => page.getByRole('navigation').getByText('Orders', { exact: true }).count()).toBe(1);
    await setLanguage('en');

    for (const p of all) {
      await loadPage(page, `${h.appUrl}${p.path}`, p.name, 'en');
      await expect.poll(() => page.locator('h1').first().textContent()).toBe(p.en);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await screenshot(page, `page-${p.name}-en`, p.name !== 'orders');
    }
    expect(errors).toEqual([]);
  });

  it('shows money and dates the shop’s way, and links every overview number to the list behind it', async () => {
    await setLanguage('en');
    await loadPage(page, `${h.appUrl}/`, 'overview', 'en');
    const backordered = (await api<OrderPage>('GET', '/orders?status=backordered&limit=250')).items.length;
    await page.getByRole('link', { name: `Backordered: ${backordered}` }).click();
    await page.waitForURL(/\/orders\?status=backordered$/);
    await page.locator('[data-page-ready="orders"]').waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(backordered);
    expect(await page.locator('tbody').getByText('Backordered', { exact: true }).count()).toBe(backordered);
    // EUR in an English UI for a French shop
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toMatch(/€\d+\.\d{2}/);
    await screenshot(page, 'orders-backordered-from-overview');

    await page.getByRole('tab', { name: 'All' }).click();
    await page.waitForURL(/\/orders$/);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(50);
    const firstRow = await page.locator('tbody tr').first().textContent();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL(/cursor=/);
    await expect.poll(() => page.locator('tbody tr').first().textContent()).not.toBe(firstRow);
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.waitForURL(/\/orders$/);
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toBe(firstRow);
    expect(errors).toEqual([]);
  });

  it('holds the page’s shape with skeletons while data loads, so nothing jumps when it arrives', async () => {
    await setLanguage('en');
    for (const [path, name, api] of [
      ['/', 'overview', '/api/admin/overview'],
      ['/orders', 'orders', '/api/admin/orders'],
      ['/rules', 'rules', '/api/admin/routing-rules'],
    ] as const) {
      const cls = await loadWithHeldData(page, `${h.appUrl}${path}`, name, (url) => url.pathname === api, DEMO_SHOP);
      // Google calls a cumulative layout shift under 0.1 good
      expect(cls, name).toBeLessThan(0.1);
    }
  });

  it('finds an order by name or exact SKU from the search box', async () => {
    await setLanguage('en');
    const [order] = (await api<OrderPage>('GET', `/orders?q=${encodeURIComponent(h.liveOrders[2]!)}`)).items;
    await loadPage(page, `${h.appUrl}/orders`, 'orders', 'en');
    await page.getByRole('button', { name: /Search and filter/ }).click();
    await page.getByPlaceholder('Search by order name or exact SKU').fill(order!.name);
    await page.waitForURL(new RegExp(`q=${encodeURIComponent(order!.name)}`));
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain(order!.name);
    await page.getByPlaceholder('Search by order name or exact SKU').fill('NO-SUCH-SKU');
    await page.getByText('No orders match these filters').waitFor();
    await screenshot(page, 'orders-search-empty');
  });
});

describe('inside Shopify admin', () => {
  it('takes its session tokens from App Bridge and lists its pages in the admin’s navigation', async () => {
    await setLanguage('en');
    // Shopify's CDN, as far as this page can tell: an App Bridge that hands out the simulator's session tokens
    await context.unroute('https://cdn.shopify.com/**');
    await context.route('https://cdn.shopify.com/shopifycloud/app-bridge.js', (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: `window.__bridge = { tokens: 0, toasts: [] };
        window.shopify = {
          idToken: () => fetch('/_demo/session-token').then((r) => r.json()).then((b) => { window.__bridge.tokens++; return b.token; }),
          toast: { show: (message) => { window.__bridge.toasts.push(message); return 'toast'; } },
        };`,
      }),
    );
    await loadPage(
      page,
      `${h.appUrl}/settings?embedded=1&shop=${DEMO_SHOP}&host=YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvZGVtby1mcg`,
      'settings',
      'en',
    );
    expect(
      await page
        .locator('ui-nav-menu a')
        .evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.textContent])),
    ).toEqual([
      ['/', 'home', 'Overview'],
      ['/orders', null, 'Orders'],
      ['/returns', null, 'Returns'],
      ['/stock', null, 'Stock'],
      ['/alerts', null, 'Stock alerts'],
      ['/purchase-orders', null, 'Purchase orders'],
      ['/warehouses', null, 'Warehouses'],
      ['/rules', null, 'Routing rules'],
      ['/channels', null, 'Channels'],
      ['/dead-letters', null, 'Dead letters'],
      ['/emails', null, 'E-mails'],
      ['/settings', null, 'Settings'],
    ]);
    expect(await page.locator('.Polaris-Navigation').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __bridge: { tokens: number } }).__bridge.tokens),
    ).toBeGreaterThan(0);

    await page.getByRole('checkbox', { name: 'Route unpaid orders' }).check();
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/admin/settings') && r.request().method() === 'PATCH',
    );
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await (await saved).json()).toMatchObject({ settings: { routeUnpaidOrders: true, language: 'en' } });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __bridge: { toasts: string[] } }).__bridge.toasts))
      .toEqual(['Settings saved']);
    await api('PATCH', '/settings', { routeUnpaidOrders: false });

    // App Bridge "clicks" the app's own link when the merchant picks a page in the admin's sidebar
    await page.locator('ui-nav-menu a[href="/rules"]').evaluate((a) => (a as HTMLAnchorElement).click());
    await page.waitForURL(/\/rules$/);
    await page.locator('body[data-page-ready="rules"]').waitFor();
    expect(errors).toEqual([]);
  });
});

describe('the API client, against the real server', () => {
  const tokensFrom = (next: () => Promise<string>): TokenSource & { asked: number; invalidated: number } => {
    const s = {
      mode: 'standalone' as const,
      asked: 0,
      invalidated: 0,
      token: async () => {
        s.asked++;
        return next();
      },
      invalidate: () => {
        s.invalidated++;
      },
    };
    return s;
  };

  it('retries once with a fresh token when the server says the session expired', async () => {
    let calls = 0;
    // the first token expired a minute ago, as one can between fetching it and the request landing
    const tokens = tokensFrom(() =>
      calls++ === 0 ? h.sim.mintSessionToken(DEMO_SHOP, { nowMs: Date.now() - 120_000 }) : h.token(),
    );
    const client = createApiClient(tokens, { baseUrl: `${h.appUrl}/api/admin` });
    const shop = await client.get<{ shop: { domain: string } }>('/shop');
    expect(shop.shop.domain).toBe(DEMO_SHOP);
    expect(tokens.asked).toBe(2);
    expect(tokens.invalidated).toBe(1);
  });

  it('gives up after one retry and surfaces the server’s message', async () => {
    const tokens = tokensFrom(() => h.sim.mintSessionToken(DEMO_SHOP, { secret: 'not-the-app-secret' }));
    const client = createApiClient(tokens, { baseUrl: `${h.appUrl}/api/admin` });
    const err = await client.get('/shop').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, code: 'invalid_session' });
    expect((err as ApiError).message).toMatch(/^Session token rejected/);
    expect(tokens.asked).toBe(2);

    const ok = createApiClient(
      tokensFrom(() => h.token()),
      { baseUrl: `${h.appUrl}/api/admin` },
    );
    await expect(ok.get('/orders/999999999')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'order not found',
    });
    const bad = (await ok.get('/orders?status=lost').catch((e: unknown) => e)) as ApiError;
    expect(bad).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(bad.details).toEqual([
      expect.objectContaining({ path: 'querystring.status', message: 'unknown status lost' }),
    ]);
  });

  it('gets demo tokens from /_demo/session-token and reuses one while it is fresh', async () => {
    let fetched = 0;
    const source = createDemoTokenSource((input, init) => {
      fetched++;
      return fetch(`${h.appUrl}${String(input)}`, init);
    });
    const [a, b] = await Promise.all([source.token(), source.token()]);
    expect(a).toBe(b);
    expect(await source.token()).toBe(a);
    expect(fetched).toBe(1);
    source.invalidate();
    await source.token();
    expect(fetched).toBe(2);
    const shop = await createApiClient(source, { baseUrl: `${h.appUrl}/api/admin` }).get<{ shop: { domain: string } }>(
      '/shop',
    );
    expect(shop.shop.domain).toBe(DEMO_SHOP);
  });
});
