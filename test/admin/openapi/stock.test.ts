import { describe, expect, it } from 'vitest';
import { useContractShop } from '../../helpers/admin-contract-shop.js';
import type { Call } from '../../helpers/admin-openapi.js';

describe('admin API contract: stock, SKUs, alerts, purchase orders and replenishment settings', () => {
  const shop = useContractShop();

  it('answers every stock operation within its response schema', async () => {
    const { ids, api } = shop;
    const calls: Call[] = [
      { method: 'get', path: '/stock', url: '/stock' },
      { method: 'get', path: '/stock.csv', url: '/stock.csv' },
      { method: 'get', path: '/skus/{id}', url: `/skus/${ids.sku}?days=30` },
      { method: 'patch', path: '/skus/{id}', url: `/skus/${ids.sku}`, body: { supplier: 'Fournisseur', packSize: 6 } },
      { method: 'get', path: '/alerts', url: '/alerts' },
      { method: 'get', path: '/purchase-orders', url: '/purchase-orders' },
      { method: 'get', path: '/purchase-orders.csv', url: '/purchase-orders.csv' },
      { method: 'get', path: '/suppliers', url: '/suppliers' },
      { method: 'get', path: '/stock-settings', url: '/stock-settings' },
      { method: 'post', path: '/stock/recompute', url: '/stock/recompute' },
      { method: 'get', path: '/stock/accuracy', url: '/stock/accuracy' },
    ];
    for (const c of calls) await api.run(c);

    // the calls that need what the ones above returned
    const settings = (await api.send({ method: 'get', path: '/stock-settings', url: '/stock-settings' })).json();
    await api.run({
      method: 'put',
      path: '/stock-settings',
      url: '/stock-settings',
      body: { ...settings.settings, serviceLevel: 0.97 },
    });
    const alert = (await api.send({ method: 'get', path: '/alerts', url: '/alerts' }))
      .json()
      .groups.flatMap((g: { items: { id: number }[] }) => g.items)[0];
    expect(alert, 'the seeded SKU raises at least one alert').toBeDefined();
    await api.run({
      method: 'post',
      path: '/alerts/{id}/snooze',
      url: `/alerts/${alert.id}/snooze`,
      body: { days: 3 },
    });
    await api.run({ method: 'post', path: '/alerts/{id}/resolve', url: `/alerts/${alert.id}/resolve` });
    api.expectAreaCovered('stock');
  }, 60_000);
});
