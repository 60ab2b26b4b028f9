import { afterAll, beforeAll, describe, it } from 'vitest';
import { startContractShop, type ContractShop } from '../../helpers/admin-contract-shop.js';
import { contractCaller, type Call } from '../../helpers/admin-openapi.js';

describe('admin API contract: customer e-mails', () => {
  let shop: ContractShop;
  beforeAll(async () => {
    shop = await startContractShop();
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
  });

  it('answers every e-mail operation within its response schema', async () => {
    const { ids } = shop;
    const api = await contractCaller(shop.s.app, shop.token);
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
