import { describe, expect, it } from 'vitest';
import { useContractShop } from '../../helpers/admin-contract-shop.js';
import type { Call } from '../../helpers/admin-openapi.js';

describe('admin API contract: returns and their policy', () => {
  const shop = useContractShop();

  it('answers every return operation within its response schema, and its errors in the error shape', async () => {
    const { ids, api } = shop;
    const calls: Call[] = [
      {
        method: 'post',
        path: '/returns',
        url: '/returns',
        body: {
          orderId: ids.order,
          lines: [
            { orderLineId: ids.orderLine, quantity: 1, reason: 'damaged_in_transit', note: 'Le carton était écrasé' },
          ],
          trackingNumber: '6A999',
        },
      },
      { method: 'get', path: '/returns', url: '/returns?limit=5' },
      { method: 'get', path: '/returns/analytics', url: '/returns/analytics' },
      { method: 'get', path: '/returns/policy', url: '/returns/policy' },
    ];
    for (const c of calls) await api.run(c);

    // the calls that need what the ones above returned
    const policy = (await api.send({ method: 'get', path: '/returns/policy', url: '/returns/policy' })).json();
    await api.run({
      method: 'put',
      path: '/returns/policy',
      url: '/returns/policy',
      body: { ...policy, autoApprove: false, returnWarehouseIds: [ids.warehouse] },
    });
    const ret = (await api.send({ method: 'get', path: '/returns', url: '/returns' })).json().items[0];
    expect(ret, "the merchant's return was recorded").toMatchObject({ orderId: ids.order, status: 'approved' });
    await api.run({ method: 'get', path: '/returns/{id}', url: `/returns/${ret.id}` });
    await api.run({
      method: 'post',
      path: '/returns/{id}/actions',
      url: `/returns/${ret.id}/actions`,
      body: {
        type: 'ship',
        trackingNumber: '6A999',
        trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A999',
      },
    });
    await api.run({ method: 'get', path: '/returns/{id}/slip', url: `/returns/${ret.id}/slip?lang=fr` });

    // a line that is not on the order: the use case refuses it with a 422 in the error shape
    await api.runError({
      method: 'post',
      path: '/returns',
      url: '/returns',
      body: { orderId: ids.order, lines: [{ orderLineId: 999999, quantity: 1, reason: 'damaged_in_transit' }] },
    });
    await api.runError({ method: 'get', path: '/returns/{id}/slip', url: '/returns/999999/slip' });
    api.expectAreaCovered('returns');
  }, 60_000);
});
