import { describe, expect, it } from 'vitest';
import { loadPage, loadWithHeldData, screenshot } from './browser.js';
import { useStockPages } from './stock-harness.js';

const ui = useStockPages('stock-pages-loading');
const { api, skuId } = ui;

describe('the stock pages, loading and in both languages', () => {
  it('holds each stock page’s shape with skeletons while its data loads', async () => {
    const { h, page } = ui;
    const sku = await skuId('PULL-BORDEAUX-L');
    const cases = [
      ['/stock', 'stock', (u: URL) => u.pathname === '/api/admin/stock'],
      [`/stock/${sku}`, 'sku', (u: URL) => u.pathname.startsWith('/api/admin/skus/')],
      ['/alerts', 'alerts', (u: URL) => u.pathname === '/api/admin/alerts'],
      ['/purchase-orders', 'purchase-orders', (u: URL) => u.pathname === '/api/admin/purchase-orders'],
      ['/settings/replenishment', 'replenishment', (u: URL) => u.pathname === '/api/admin/stock-settings'],
    ] as const;
    for (const [path, name, held] of cases) {
      expect(
        await loadWithHeldData(page, `${h.appUrl}${path}`, name, held, 'demo-fr.myshopify.com'),
        name,
      ).toBeLessThan(0.1);
    }
  });

  it('opens every stock page in English, then in French', async () => {
    const { h, page, errors } = ui;
    const sku = await skuId('PULL-BORDEAUX-L');
    const pages = [
      { path: '/', name: 'overview', en: 'Overview', fr: 'Vue d’ensemble', full: false },
      { path: '/stock', name: 'stock', en: 'Stock', fr: 'Stock', full: false },
      { path: '/alerts', name: 'alerts', en: 'Stock alerts', fr: 'Alertes de stock', full: false },
      { path: `/stock/${sku}`, name: 'sku', en: 'PULL-BORDEAUX-L', fr: 'PULL-BORDEAUX-L', full: true },
      {
        path: '/purchase-orders',
        name: 'purchase-orders',
        en: 'Purchase orders',
        fr: 'Commandes fournisseurs',
        full: true,
      },
      {
        path: '/settings/replenishment',
        name: 'replenishment',
        en: 'Replenishment',
        fr: 'Réapprovisionnement',
        full: true,
      },
    ];
    try {
      for (const language of ['en', 'fr'] as const) {
        await api('PATCH', '/settings', { language });
        for (const p of pages) {
          await loadPage(page, `${h.appUrl}${p.path}`, p.name, language);
          await expect.poll(() => page.locator('h1').first().textContent()).toBe(p[language]);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
          // the overview's own screenshots come from pages.browser.test.ts, on a shop without stock alerts
          await screenshot(
            page,
            p.name === 'overview' ? `overview-stock-alerts-${language}` : `page-${p.name}-${language}`,
            p.full,
          );
          if (p.name === 'alerts') {
            // what snooze and resolve say before they act
            await page
              .locator('.Polaris-Button')
              .filter({ hasText: language === 'en' ? 'Snooze' : 'Reporter' })
              .first()
              .click();
            await page.locator('.Polaris-Popover__PopoverOverlay--open').getByRole('menuitem').first().waitFor();
            await screenshot(page, `alerts-snooze-menu-${language}`, false);
            await page.keyboard.press('Escape');
            await page.getByRole('menuitem').first().waitFor({ state: 'hidden' });
            await page
              .locator('.Polaris-Button')
              .filter({ hasText: language === 'en' ? 'Resolve' : 'Résoudre' })
              .first()
              .click();
            await page
              .locator('.Polaris-Popover__PopoverOverlay--open')
              .getByRole('button', { name: language === 'en' ? 'Resolve alert' : 'Résoudre l’alerte' })
              .waitFor();
            await screenshot(page, `alerts-resolve-confirm-${language}`, false);
            await page.keyboard.press('Escape');
          }
        }
      }
      // French numbers and dates, the shop's euros
      await loadPage(page, `${h.appUrl}/purchase-orders`, 'purchase-orders', 'fr');
      await expect.poll(() => page.locator('tfoot').first().textContent()).toMatch(/\d,\d{2}\s€/);
    } finally {
      await api('PATCH', '/settings', { language: 'en' });
    }
    expect(errors).toEqual([]);
  });
});
