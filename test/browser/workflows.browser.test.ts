import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DeadLetterPage, OrderDetail, OrderPage, RulesResponse, WarehouseList } from '../../web/src/api/types.js';
import { signedWebhook } from '../helpers/webhooks.js';
import { launchChromium, loadPage, openContext, reportTimings, screenshot, slug } from './browser.js';
import { DEMO_SECRET, DEMO_SHOP, startHarness, type BrowserHarness } from './harness.js';

let h: BrowserHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${h.appUrl}/api/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${await h.token()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const toast = (text: string | RegExp) => page.locator('.Polaris-Frame-Toast').filter({ hasText: text }).first();

beforeAll(async () => {
  h = await startHarness({ language: 'en' });
  browser = await launchChromium();
});

afterAll(async () => {
  await reportTimings('workflows');
  await browser?.close();
  await h?.close();
});

beforeEach(async () => {
  ({ context, page, errors } = await openContext(browser));
});

afterEach(async (ctx) => {
  if (page.url() !== 'about:blank')
    await screenshot(page, `${ctx.task.result?.state === 'fail' ? 'FAILED-' : ''}${slug(ctx.task.name)}`).catch(
      () => {},
    );
  await context.close();
});

describe('what a merchant does in the admin app', () => {
  it('creates a warehouse, then an API key its 3PL can use at once', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.appUrl });
    await loadPage(page, `${h.appUrl}/warehouses/new`, 'warehouse-new', 'en');
    const general = page.getByRole('group', { name: 'Warehouse' });
    await general.getByLabel('Name').fill('Entrepôt Marseille Port');
    await general.getByLabel('Code').fill('mrs');
    const address = page.getByRole('group', { name: 'Address' });
    await address.getByLabel('Address', { exact: true }).fill('12 Quai de la Joliette');
    await address.getByLabel('Postal code').fill('13002');
    await address.getByLabel('City').fill('Marseille');
    await address.getByLabel('Latitude').fill('43.3095');
    await address.getByLabel('Longitude').fill('5.3665');
    const zones = page.getByRole('group', { name: 'Zones' });
    await zones.getByRole('button', { name: 'Add zone' }).click();
    await zones.getByLabel('Zone', { exact: true }).nth(1).fill('fr-sud');
    await zones.getByLabel('Countries', { exact: true }).nth(1).fill('fr');
    await zones.getByLabel('Postal code prefixes').nth(1).fill('13, 83, 84');
    const service = page.getByRole('group', { name: 'Service levels' });
    await service.getByLabel('Name', { exact: true }).fill('Colissimo');
    await service.getByLabel('FR-SUD').fill('1');
    const costs = page.getByRole('group', { name: 'Shipping cost' });
    await costs.getByLabel('FR', { exact: true }).fill('5.2');
    await costs.getByLabel('FR-SUD').fill('4.5');
    await screenshot(page, 'warehouse-new-filled');
    await page.getByRole('button', { name: 'Save' }).click();
    await toast('Entrepôt Marseille Port created').waitFor();
    await page.waitForURL(/\/warehouses\/\d+$/);

    const saved = (await api<WarehouseList>('GET', '/warehouses')).items.find((w) => w.code === 'MRS');
    expect(saved).toMatchObject({
      name: 'Entrepôt Marseille Port',
      latitude: 43.3095,
      longitude: 5.3665,
      locationExternalId: null,
      zones: [
        { code: 'FR', countries: ['FR'] },
        { code: 'FR-SUD', countries: ['FR'], postalPrefixes: ['13', '83', '84'] },
      ],
      serviceLevels: [{ name: 'Colissimo', transitDays: { FR: 2, 'FR-SUD': 1 } }],
      costs: { FR: 5.2, 'FR-SUD': 4.5 },
    });
    expect(page.url()).toBe(`${h.appUrl}/warehouses/${saved!.id}`);

    await page.getByRole('button', { name: 'Create key' }).click();
    const ask = page.getByRole('dialog', { name: 'Create an API key' });
    await ask.getByLabel('Label').fill('WMS production');
    await ask.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByRole('dialog', { name: 'Your new API key' });
    const key = await shown.getByLabel('API key').inputValue();
    expect(key).toMatch(/^lk_[0-9a-f]{12}_/);
    await shown.getByRole('button', { name: 'Copy' }).click();
    await toast('Key copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await screenshot(page, 'warehouse-api-key-shown-once', false);
    const feed = await fetch(`${h.appUrl}/feed/v1/allocations`, { headers: { authorization: `Bearer ${key}` } });
    expect(feed.status).toBe(200);
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByText('WMS production').waitFor();

    await page.getByRole('button', { name: 'Revoke WMS production' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke "WMS production"?' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await toast('Key revoked').waitFor();
    await page.getByText('Revoked', { exact: true }).waitFor();
    expect(
      (await fetch(`${h.appUrl}/feed/v1/allocations`, { headers: { authorization: `Bearer ${key}` } })).status,
    ).toBe(401);
    expect(errors).toEqual([]);
  });

  it('rotates the signing secret of a push warehouse, the old one still signing for a week', async () => {
    const base = (await api<WarehouseList>('GET', '/warehouses')).items[0]!;
    const body = {
      name: 'Push 3PL Lyon',
      code: 'PUSHLYO',
      address: { ...base.address, countryCode: 'FR' },
      timezone: base.timezone,
      cutoffTime: base.cutoffTime,
      workingDays: base.workingDays,
      zones: base.zones,
      serviceLevels: base.serviceLevels,
      costs: base.costs,
      dispatchStyle: 'http',
      pushUrl: 'https://wms.3pl.example/hooks',
      location: { mode: 'none' },
    };
    const created = await api<{ warehouse: { id: number }; pushSecret: string }>('POST', '/warehouses', body);
    await loadPage(page, `${h.appUrl}/warehouses/${created.warehouse.id}`, 'warehouse', 'en');
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    const ask = page.getByRole('dialog', { name: 'Rotate the signing secret' });
    await ask.getByLabel('Keep signing with the old secret').selectOption('168');
    await screenshot(page, 'warehouse-rotate-secret', false);
    await ask.getByRole('button', { name: 'Rotate secret' }).click();
    const shown = page.getByRole('dialog', { name: 'Signing secret for the 3PL' });
    const secret = await shown.getByRole('textbox').inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(created.pushSecret);
    await shown.getByRole('button').last().click();
    await page.getByText(/The previous secret also signs pushes until/).waitFor();
    const after = await api<{ pushSecretPreviousValidUntil: string }>('GET', `/warehouses/${created.warehouse.id}`);
    expect(new Date(after.pushSecretPreviousValidUntil).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(errors).toEqual([]);
  });

  it('adds a rule, drags it to the top, moves it with the keyboard, and saves', async () => {
    const lille = h.warehouses.find((w) => w.name.includes('Lille'))!;
    await loadPage(page, `${h.appUrl}/rules`, 'rules', 'en');
    const rows = page.locator('ol.rule-list > li');
    const before = await rows.count();
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('menuitem', { name: /^Eligibility/ }).click();
    const editor = page.getByRole('dialog', { name: 'Add rule: Eligibility' });
    await editor.getByLabel('Entrepôt Lille Lesquin').check();
    await editor.getByLabel('Never to countries').fill('ch');
    await editor.getByLabel('Name (optional)').fill('No Swiss parcels from Lille');
    await editor.getByRole('button', { name: 'Add to list' }).click();
    await expect.poll(() => rows.count()).toBe(before + 1);
    await expect.poll(() => rows.last().getAttribute('data-rule-kind')).toBe('eligibility');
    expect(await rows.last().textContent()).toContain('For Entrepôt Lille Lesquin · never to CH');

    await rows.last().locator('.rule-handle').dragTo(rows.first());
    await expect.poll(() => rows.first().getAttribute('data-rule-kind')).toBe('eligibility');

    const down = page.getByRole('button', { name: 'Move No Swiss parcels from Lille down' });
    await down.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.nth(1).getAttribute('data-rule-kind')).toBe('eligibility');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Move No Swiss parcels from Lille down');
    await page.getByText('Unsaved changes').waitFor();
    await screenshot(page, 'rules-reordered');

    await page.getByRole('button', { name: 'Save' }).click();
    await toast('Routing rules saved').waitFor();
    const saved = await api<RulesResponse>('GET', '/routing-rules');
    expect(saved.version).toBe(1);
    expect(saved.rules).toHaveLength(before + 1);
    expect(saved.rules[1]).toEqual({
      kind: 'eligibility',
      label: 'No Swiss parcels from Lille',
      warehouses: [String(lille.id)],
      excludeCountries: ['CH'],
    });
    expect(saved.rules[0]!.kind).toBe('capacity');
    await expect.poll(() => page.getByText('Unsaved changes').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('says so when someone else saved the rules meanwhile, and reloads them', async () => {
    await loadPage(page, `${h.appUrl}/rules`, 'rules', 'en');
    const current = await api<RulesResponse>('GET', '/routing-rules');
    // another tab saves first
    await api('PUT', '/routing-rules', { rules: current.rules, version: current.version });
    await page.getByRole('button', { name: 'Move Warehouse priority up' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    const banner = page.locator('.Polaris-Banner').filter({ hasText: 'Someone else saved the rules meanwhile' });
    await banner.getByText('the rules were changed elsewhere; reload them before saving').waitFor();
    await screenshot(page, 'rules-conflict');
    await banner.getByRole('button', { name: 'Reload the rules' }).click();
    await expect.poll(() => page.getByText('Unsaved changes').count()).toBe(0);
    await expect.poll(() => banner.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('tries a draft on past orders and shows what would change, without saving it', async () => {
    const { version } = await api<RulesResponse>('GET', '/routing-rules');
    await loadPage(page, `${h.appUrl}/rules`, 'rules', 'en');
    const rows = page.locator('ol.rule-list > li');
    // the draft: nearest warehouse first, before every other ranking
    const at = async () =>
      (await rows.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-rule-kind')))).indexOf('proximity');
    while ((await at()) > 0) await page.getByRole('button', { name: 'Move Closest warehouse up' }).click();
    await page.getByRole('combobox', { name: 'Orders from the last' }).selectOption('60');
    await page.getByRole('button', { name: 'Try on past orders' }).click();
    const results = page.getByRole('table').filter({ hasText: 'Orders routed' });
    await results.waitFor();
    await expect.poll(() => results.locator('tbody tr').count()).toBeGreaterThanOrEqual(5 + 1);
    expect(await results.textContent()).toMatch(/Parcels from Entrepôt (Paris Nord|Lyon Gerland|Lille Lesquin)/);
    expect(await page.getByText(/\d+ orders from the last 60 days replayed\./).count()).toBe(1);
    await page
      .getByText(/would change warehouse|Every order would ship from the same warehouses/)
      .first()
      .waitFor();
    await screenshot(page, 'rules-try-on-past-orders');
    expect((await api<RulesResponse>('GET', '/routing-rules')).version).toBe(version);
    expect(errors).toEqual([]);
  });

  it('opens an order from the list and reads its trace table, then holds and releases it', async () => {
    const candidates = (await api<OrderPage>('GET', '/orders?status=routed&limit=50')).items.filter((o) =>
      h.liveOrders.includes(o.name),
    );
    const order = candidates[0]!;
    const detail = await api<OrderDetail>('GET', `/orders/${order.id}`);
    const chosen = detail.trace!.warehouses.find((w) => w.chosen)!;

    await loadPage(page, `${h.appUrl}/orders?status=routed`, 'orders', 'en');
    await page.getByRole('link', { name: order.name, exact: true }).click();
    await page.waitForURL(new RegExp(`/orders/${order.id}$`));
    await page.locator('body[data-page-ready="order"]').waitFor();

    const table = page.getByRole('region', { name: 'Routing decision' }).getByRole('table');
    await expect.poll(() => table.locator('thead th[data-chosen]').textContent()).toContain(chosen.name);
    expect(await table.locator('thead th[data-chosen]').textContent()).toContain(
      `Chosen · ${chosen.shippedUnits} unit`,
    );
    expect(await table.locator('tbody tr').count()).toBe(detail.trace!.rules.length);
    expect(await table.locator('tbody tr').first().locator('th').textContent()).toContain('Serves the address');
    // the first header cell names the rules; warehouse columns follow
    const chosenColumn =
      (await table.locator('thead th').evaluateAll((ths) => ths.findIndex((th) => th.hasAttribute('data-chosen')))) - 1;
    for (const [i, rule] of detail.trace!.rules.entries()) {
      const verdict = chosen.verdicts.find((v) => v.rule === rule.id)!;
      expect(await table.locator('tbody tr').nth(i).locator('td').nth(chosenColumn).textContent()).toContain(
        verdict.reason,
      );
    }
    await page.getByText('Acknowledged by the 3PL').first().waitFor();
    await screenshot(page, 'order-trace');

    await page.getByRole('button', { name: 'Hold', exact: true }).click();
    const hold = page.getByRole('dialog', { name: `Hold ${order.name}?` });
    await hold.getByLabel('Reason').fill('Address to check with the customer');
    await hold.getByRole('button', { name: 'Hold', exact: true }).click();
    await toast(`${order.name} is on hold`).waitFor();
    await page.locator('h1').locator('..').getByText('On hold').first().waitFor();
    await page.getByText('Put on hold').first().waitFor();

    await page.getByRole('button', { name: 'Release', exact: true }).click();
    await page
      .getByRole('dialog', { name: `Release ${order.name}?` })
      .getByRole('button', { name: 'Release', exact: true })
      .click();
    await toast(`${order.name} released`).waitFor();
    await expect
      .poll(async () => (await api<OrderDetail>('GET', `/orders/${order.id}`)).order.status, { timeout: 15_000 })
      .not.toBe('on_hold');
    await page.getByText('Released', { exact: true }).first().waitFor();
    expect(errors).toEqual([]);
  });

  it('re-routes a backordered order in bulk and shows which rule rejected each warehouse', async () => {
    const backordered = (await api<OrderPage>('GET', '/orders?status=backordered&limit=100')).items;
    const abroad = backordered.find((o) => o.countryCode === 'IT' || o.countryCode === 'ES') ?? backordered[0]!;
    await loadPage(page, `${h.appUrl}/orders?status=backordered`, 'orders', 'en');
    const row = page.getByRole('row').filter({ hasText: abroad.name });
    await row.getByRole('checkbox').check({ force: true });
    await page.getByRole('button', { name: 'Re-route', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Re-route 1 order?' });
    await confirm.getByRole('button', { name: 'Re-route', exact: true }).click();
    await toast('1 order queued for routing').waitFor();
    await expect
      .poll(async () => (await api<OrderDetail>('GET', `/orders/${abroad.id}`)).trace?.warehouses.length ?? 0, {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(3);

    const detail = await api<OrderDetail>('GET', `/orders/${abroad.id}`);
    const rejected = detail.trace!.warehouses.filter((w) => w.rejectedBy);
    expect(rejected.length).toBeGreaterThan(0);
    await loadPage(page, `${h.appUrl}/orders/${abroad.id}`, 'order', 'en');
    const table = page.getByRole('region', { name: 'Routing decision' }).getByRole('table');
    for (const w of rejected) {
      const rule = detail.trace!.rules.find((r) => r.id === w.rejectedBy)!;
      await expect
        .poll(() => table.locator(`thead th[data-warehouse="${w.name}"]`).textContent())
        .toContain(`Rejected by ${rule.label}`);
    }
    expect(await table.locator('td[data-outcome="rejected"]').count()).toBe(rejected.length);
    expect(await table.locator('td[data-outcome="skipped"]').count()).toBeGreaterThan(0);
    await page.getByText('Re-routing requested').first().waitFor();
    await screenshot(page, 'order-trace-rejected');
    expect(errors).toEqual([]);
  });

  it('shows a webhook that could not be processed, its payload, and replays it', async () => {
    const truncated =
      '{"id": 820982911946154508, "name": "#9999", "email": "jon@example.com", "line_items": [{"sku": "TSHIRT-BLEU-S", "quantity": 1';
    const hook = signedWebhook(truncated, { shop: DEMO_SHOP, topic: 'orders/create', secret: DEMO_SECRET });
    const delivered = await fetch(`${h.appUrl}${hook.url}`, {
      method: hook.method,
      headers: hook.headers,
      body: hook.payload,
    });
    expect(delivered.status).toBe(200);
    await expect
      .poll(async () => (await api<DeadLetterPage>('GET', '/dead-letters')).total, { timeout: 20_000 })
      .toBe(1);
    const [letter] = (await api<DeadLetterPage>('GET', '/dead-letters')).items;

    await loadPage(page, `${h.appUrl}/dead-letters`, 'dead-letters', 'en');
    await page.getByText(letter!.lastError!).waitFor();
    await page.getByRole('button', { name: 'Payload' }).click();
    await expect.poll(() => page.getByLabel('Payload', { exact: true }).textContent()).toBe(truncated);
    await screenshot(page, 'dead-letter-payload');

    const replay = page.waitForResponse((r) => r.url().endsWith(`/api/admin/dead-letters/${letter!.id}/replay`));
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    expect(await (await replay).json()).toEqual({ replayed: [letter!.id] });
    await toast('orders/create sent back for processing').waitFor();

    // the payload is still broken: it comes back, and "Replay all" sends it once more
    await expect
      .poll(async () => (await api<DeadLetterPage>('GET', '/dead-letters')).total, { timeout: 20_000 })
      .toBe(1);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText(letter!.lastError!).waitFor();
    await page.getByRole('button', { name: 'Replay all' }).click();
    await page
      .getByRole('dialog', { name: 'Replay 1 dead letter?' })
      .getByRole('button', { name: 'Replay all' })
      .click();
    await toast('1 event sent back for processing').waitFor();
    expect(errors).toEqual([]);
  });
});
