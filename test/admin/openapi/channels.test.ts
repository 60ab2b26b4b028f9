import { describe, expect, it } from 'vitest';
import { CONTRACT_MIRAKL_KEY, useContractShop } from '../../helpers/admin-contract-shop.js';

describe('admin API contract: sales channels and marketplace accounts', () => {
  const shop = useContractShop();

  it('answers every channel operation within its response schema', async () => {
    const { api } = shop;
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
