import { describe, expect, it } from 'vitest';
import type { StockSettingsResponse } from '../../web/src/api/stock-types.js';
import { loadPage, screenshot } from './browser.js';
import { useStockPages } from './stock-harness.js';

const ui = useStockPages('replenishment-settings');
const { api, toast } = ui;

describe('the replenishment settings in the admin app', () => {
  it('saves a new service level and a supplier lead time; a bad value shows the server’s error at its field', async () => {
    const { h, page, errors } = ui;
    await loadPage(page, `${h.appUrl}/settings/replenishment`, 'replenishment', 'en');
    const service = page.getByRole('group', { name: 'Service level' });
    const level = service.getByRole('spinbutton', { name: 'Service level' });
    expect(await level.inputValue()).toBe('95');
    await service.getByText('Safety factor z = 1.64').waitFor();
    await page
      .getByRole('group', { name: 'Channel buffers' })
      .getByText(/Sync lag not measured yet|Measured sync lag: [\d.]+ s/)
      .waitFor();

    await level.fill('99.995');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Replenishment settings were not saved').waitFor();
    await service.getByText(/expected number to be <=0\.9999/).waitFor();
    expect(await level.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'replenishment-bad-value', false);

    await level.fill('98');
    await service.getByText('Safety factor z = 2.05').waitFor();
    const leadTimes = page.getByRole('group', { name: 'Lead times' });
    await leadTimes.getByRole('button', { name: 'Add supplier' }).click();
    await leadTimes.getByRole('textbox', { name: 'Supplier' }).last().fill('Atelier Denim Roubaix');
    await leadTimes
      .getByRole('spinbutton', { name: /^Lead time( days)?$/ })
      .last()
      .fill('12');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/admin/stock-settings') && r.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await saved).status()).toBe(200);
    await toast('Replenishment settings saved. Reorder points are being recomputed.').waitFor();
    expect(await page.getByText('Replenishment settings were not saved').count()).toBe(0);
    const { settings } = await api<StockSettingsResponse>('GET', '/stock-settings');
    expect(settings.serviceLevel).toBe(0.98);
    expect(settings.supplierLeadTimes['Atelier Denim Roubaix']).toEqual({ days: 12, stdDays: null });
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });
});
