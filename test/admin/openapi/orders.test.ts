import { describe, it } from 'vitest';
import { useContractShop } from '../../helpers/admin-contract-shop.js';
import type { Call } from '../../helpers/admin-openapi.js';

describe('admin API contract: orders, dead letters, dispatch and tracking-push failures', () => {
  const shop = useContractShop();

  it('answers every order operation within its response schema, and its errors in the error shape', async () => {
    const { ids, api } = shop;
    const calls: Call[] = [
      { method: 'get', path: '/orders', url: '/orders?limit=5' },
      { method: 'get', path: '/orders/{id}', url: `/orders/${ids.order}` },
      { method: 'get', path: '/dead-letters', url: '/dead-letters' },
      { method: 'get', path: '/dead-letters/{id}', url: `/dead-letters/${ids.deadLetter}` },
      { method: 'post', path: '/dead-letters/{id}/replay', url: `/dead-letters/${ids.deadLetter}/replay` },
      { method: 'post', path: '/dead-letters/replay-all', url: '/dead-letters/replay-all' },
      { method: 'get', path: '/dispatch-failures', url: '/dispatch-failures' },
      { method: 'post', path: '/dispatch-failures/replay', url: '/dispatch-failures/replay', body: { ids: 'all' } },
      { method: 'get', path: '/tracking-push-failures', url: '/tracking-push-failures' },
      {
        method: 'post',
        path: '/tracking-push-failures/{id}/replay',
        url: `/tracking-push-failures/${ids.shipment}/replay`,
      },
      { method: 'post', path: '/tracking-push-failures/replay-all', url: '/tracking-push-failures/replay-all' },
      {
        method: 'post',
        path: '/orders/{id}/hold',
        url: `/orders/${ids.order}/hold`,
        body: { reason: 'address check' },
      },
      { method: 'post', path: '/orders/{id}/release', url: `/orders/${ids.order}/release` },
      { method: 'post', path: '/orders/{id}/reroute', url: `/orders/${ids.order}/reroute`, body: { fresh: false } },
      { method: 'post', path: '/orders/reroute', url: '/orders/reroute', body: { orderIds: [ids.order] } },
      { method: 'post', path: '/orders/{id}/cancel-at-3pl', url: `/orders/${ids.order}/cancel-at-3pl` },
    ];
    for (const c of calls) await api.run(c);
    await api.runError({ method: 'get', path: '/orders/{id}', url: '/orders/999999' });
    await api.runError({
      method: 'post',
      path: '/orders/{id}/hold',
      url: `/orders/${ids.order}/hold`,
      body: { reason: '' },
    });
    api.expectAreaCovered('orders');
  }, 60_000);
});
