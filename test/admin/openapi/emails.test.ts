import { describe, it } from 'vitest';
import { useContractShop } from '../../helpers/admin-contract-shop.js';
import type { Call } from '../../helpers/admin-openapi.js';

describe('admin API contract: customer e-mails', () => {
  const shop = useContractShop();

  it('answers every e-mail operation within its response schema', async () => {
    const { ids, api } = shop;
    const calls: Call[] = [
      { method: 'get', path: '/emails', url: '/emails?status=parked,sent' },
      { method: 'post', path: '/emails/{id}/retry', url: `/emails/${ids.email}/retry` },
      { method: 'post', path: '/emails/retry-parked', url: '/emails/retry-parked' },
      { method: 'get', path: '/emails/kinds', url: '/emails/kinds' },
      { method: 'get', path: '/emails/preview/{kind}', url: '/emails/preview/shipped?lang=fr' },
    ];
    for (const c of calls) await api.run(c);
    api.expectAreaCovered('emails');
  }, 60_000);
});
