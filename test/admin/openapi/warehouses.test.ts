import { describe, it } from 'vitest';
import { useContractShop } from '../../helpers/admin-contract-shop.js';
import type { Call } from '../../helpers/admin-openapi.js';

describe('admin API contract: warehouses, their keys, locations and routing rules', () => {
  const shop = useContractShop();

  it('answers every warehouse and routing operation within its response schema', async () => {
    const { ids, api } = shop;
    const calls: Call[] = [
      { method: 'get', path: '/warehouses', url: '/warehouses' },
      { method: 'get', path: '/warehouses/{id}', url: `/warehouses/${ids.warehouse}` },
      {
        method: 'post',
        path: '/warehouses',
        url: '/warehouses',
        body: {
          name: 'Lyon',
          code: 'LYO',
          address: { city: 'Lyon', countryCode: 'FR' },
          timezone: 'Europe/Paris',
          cutoffTime: '14:00',
          workingDays: [1, 2, 3, 4, 5],
          zones: [{ code: 'FR', countries: ['FR'] }],
          serviceLevels: [{ code: 'std', name: 'Standard', transitDays: { FR: 2 } }],
          costs: { FR: 6 },
        },
      },
      { method: 'get', path: '/warehouses/{id}/keys', url: `/warehouses/${ids.warehouse}/keys` },
      {
        method: 'post',
        path: '/warehouses/{id}/keys',
        url: `/warehouses/${ids.warehouse}/keys`,
        body: { label: 'robot' },
      },
      { method: 'get', path: '/locations', url: '/locations' },
      { method: 'get', path: '/routing-rules', url: '/routing-rules' },
      {
        method: 'post',
        path: '/routing-rules/simulations',
        url: '/routing-rules/simulations',
        body: { rules: [], days: 30 },
      },
    ];
    for (const c of calls) await api.run(c);

    // the calls that need what the ones above returned
    const rules = (await api.send({ method: 'get', path: '/routing-rules', url: '/routing-rules' })).json();
    await api.run({
      method: 'put',
      path: '/routing-rules',
      url: '/routing-rules',
      body: { rules: rules.rules, version: rules.version },
    });
    const simulation = (
      await api.send({
        method: 'post',
        path: '/routing-rules/simulations',
        url: '/routing-rules/simulations',
        body: { rules: rules.rules, days: 7 },
      })
    ).json();
    await api.run({
      method: 'get',
      path: '/routing-rules/simulations/{id}',
      url: `/routing-rules/simulations/${simulation.id}`,
    });
    const warehouse = (
      await api.send({ method: 'get', path: '/warehouses/{id}', url: `/warehouses/${ids.warehouse}` })
    ).json();
    const {
      id: _id,
      hasPushSecret: _h,
      pushSecretPreviousValidUntil: _p,
      createdAt: _c,
      updatedAt: _u,
      locationExternalId: _l,
      fulfillmentServiceExternalId: _f,
      countryCode: _cc,
      ...input
    } = warehouse;
    await api.run({
      method: 'put',
      path: '/warehouses/{id}',
      url: `/warehouses/${ids.warehouse}`,
      body: { ...input, address: { ...input.address, countryCode: 'FR' }, priority: 5 },
    });
    const pushing = (
      await api.send({
        method: 'post',
        path: '/warehouses',
        url: '/warehouses',
        body: {
          ...input,
          code: 'PUSH',
          name: 'Push 3PL',
          dispatchStyle: 'http',
          pushUrl: 'https://3pl.example.com/hooks',
          address: { ...input.address, countryCode: 'FR' },
          location: { mode: 'none' },
        },
      })
    ).json();
    await api.run({
      method: 'post',
      path: '/warehouses/{id}/push-secret',
      url: `/warehouses/${pushing.warehouse.id}/push-secret`,
      body: { overlapHours: 12 },
    });
    const key = (
      await api.send({ method: 'get', path: '/warehouses/{id}/keys', url: `/warehouses/${ids.warehouse}/keys` })
    ).json().items[0];
    await api.run({
      method: 'delete',
      path: '/warehouses/{id}/keys/{keyId}',
      url: `/warehouses/${ids.warehouse}/keys/${key.id}`,
    });
    api.expectAreaCovered('warehouses');
  }, 60_000);
});
