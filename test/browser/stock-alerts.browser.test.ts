import { describe, expect, it } from 'vitest';
import type { AlertsResponse } from '../../web/src/api/stock-types.js';
import type { OverviewResponse } from '../../web/src/api/types.js';
import { loadPage, screenshot } from './browser.js';
import { useStockPages } from './stock-harness.js';

const ui = useStockPages('stock-alerts');
const { api, toast, skuId } = ui;

describe('stock alerts on the overview and on their own page', () => {
  it('counts open stock alerts on the overview and opens them from there', async () => {
    const { h, page, errors } = ui;
    const { total, groups } = await api<AlertsResponse>('GET', '/alerts');
    const critical = groups.flatMap((g) => g.items).filter((a) => a.severity === 'critical').length;
    expect((await api<OverviewResponse>('GET', '/overview')).stockAlerts).toEqual({ open: total, critical });
    expect(critical).toBeGreaterThan(0);
    // the overview's own answer carries the counts: the alerts list is not fetched for them
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await loadPage(page, `${h.appUrl}/`, 'overview', 'en');
    await page.getByText(`${critical} critical: ${critical === 1 ? 'a SKU is' : 'SKUs'} running out`).waitFor();
    expect(asked).not.toContain('/api/admin/alerts');
    await screenshot(page, 'overview-stock-alerts', false);
    await page.getByRole('link', { name: `Stock alerts: ${total}` }).click();
    await page.waitForURL(/\/alerts$/);
    await page.locator('body[data-page-ready="alerts"]').waitFor();
    await page.getByText(`${total} open alerts`).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows every alert with its formula and inputs, snoozes one, resolves another, and links each to its SKU', async () => {
    const { h, page, errors } = ui;
    await loadPage(page, `${h.appUrl}/alerts`, 'alerts', 'en');
    const owed = page.getByRole('region', { name: 'Out of stock, units owed' });
    await expect.poll(() => owed.textContent()).toContain('SACADOS-NOIR');
    expect(await owed.locator('.formula').textContent()).toContain('available = on hand − reserved = 0 − 0 = 0 ≤ 0');
    const inputs = owed.getByRole('definition');
    expect(await owed.getByRole('term').allTextContents()).toEqual(['On hand', 'Reserved', 'Available', 'Backordered']);
    expect(await inputs.allTextContents()).toEqual(['0 units', '0 units', '0 units', '2 units']);

    const below = page.getByRole('region', { name: 'Below reorder point' });
    const open = (await api<AlertsResponse>('GET', '/alerts')).groups.find(
      (g) => g.kind === 'below_reorder_point',
    )!.items;
    const mug = open.find((a) => a.sku === 'MUG-GRES-BLEU')!;
    expect(await below.textContent()).toContain(mug.formula.split('; ')[0]);
    await below.getByRole('button', { name: 'Snooze “Below reorder point” on BONNET-MOUTARDE' }).click();
    await page.getByText('When the snooze ends, the alert opens again by itself.').waitFor();
    await page.getByRole('menuitem', { name: /^7 days/ }).click();
    await toast('Alert on BONNET-MOUTARDE snoozed for 7 days').waitFor();
    await expect.poll(() => below.getByRole('link', { name: 'BONNET-MOUTARDE' }).count()).toBe(0);
    await below.getByRole('button', { name: 'Resolve “Below reorder point” on MUG-GRES-BLEU' }).click();
    // resolving says first that the alert comes back if its condition still holds
    await page.getByText('If its condition still holds at the next recompute, a new alert is raised.').waitFor();
    await page.getByRole('button', { name: 'Resolve alert' }).click();
    await toast('Alert on MUG-GRES-BLEU resolved').waitFor();
    await expect.poll(() => below.getByRole('link', { name: 'MUG-GRES-BLEU' }).count()).toBe(0);

    const snoozed = (await api<AlertsResponse>('GET', '/alerts?status=snoozed')).groups.flatMap((g) => g.items);
    expect(snoozed.map((a) => a.sku)).toEqual(['BONNET-MOUTARDE']);
    const days = (Date.parse(snoozed[0]!.snoozedUntil!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    await page.getByRole('tab', { name: 'Snoozed' }).click();
    await page.waitForURL(/status=snoozed/);
    await expect
      .poll(() => page.getByRole('region', { name: 'Below reorder point' }).textContent())
      .toMatch(/BONNET-MOUTARDE.*Snoozed until .*, then opens again by itself/);
    await screenshot(page, 'alerts-snoozed', false);
    await page.getByRole('tab', { name: 'Resolved' }).click();
    await page.waitForURL(/status=resolved/);
    await expect
      .poll(() => page.getByRole('region', { name: 'Below reorder point' }).textContent())
      .toMatch(/MUG-GRES-BLEU.*Resolved .* by your team/);
    await screenshot(page, 'alerts-resolved', false);

    await page.getByRole('tab', { name: 'Open' }).click();
    await page
      .getByRole('region', { name: 'Out of stock, units owed' })
      .getByRole('link', { name: 'SACADOS-NOIR' })
      .click();
    await page.waitForURL(new RegExp(`/stock/${await skuId('SACADOS-NOIR')}$`));
    await page.locator('body[data-page-ready="sku"]').waitFor();
    expect(await page.locator('h1').first().textContent()).toBe('SACADOS-NOIR');
    expect(errors).toEqual([]);
  });
});
