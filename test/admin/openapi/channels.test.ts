import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_MIRAKL_KEY, startContractShop, type ContractShop } from '../../helpers/admin-contract-shop.js';
import { contractCaller } from '../../helpers/admin-openapi.js';

describe('admin API contract: sales channels and marketplace accounts', () => {
  let shop: ContractShop;
  beforeAll(async () => {
    shop = await startContractShop();
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
  });

  it('answers every channel operation within its response schema', async () => {
    const api = await contractCaller(shop.s.app, shop.token);
    await api.run({ method: 'get', path: '/channels', url: '/channels' });
    await api.run({
      method: 'post',
      path: '/channel-accounts',
      url: '/channel-accounts',
      body: {
        kind: 'mirakl',
        name: 'Fnac Darty',
        code: 'fnac',
        baseUrl: shop.miraklUrl,
        apiKey: CONTRACT_MIRAKL_KEY,
        carriers: [{ code: 'COLISSIMO', label: 'Colissimo' }],
      },
    });
    const listed = await api.run({ method: 'get', path: '/channel-accounts', url: '/channel-accounts' });
    const account = listed.json().accounts[0];
    expect(account, 'the Mirakl account was connected').toMatchObject({ kind: 'mirakl', code: 'fnac' });
    await api.run({ method: 'post', path: '/channel-accounts/{id}/test', url: `/channel-accounts/${account.id}/test` });
    api.expectAreaCovered('channels');
  }, 60_000);
});
