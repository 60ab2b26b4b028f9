import { describe, expect, it } from 'vitest';
import { useContractShop } from '../../helpers/admin-contract-shop.js';

describe('admin API contract: shop, settings, imports, reconciliation, privacy, overview, mailbox', () => {
  const shop = useContractShop();

  it('answers every shop-level operation within its response schema', async () => {
    const { ids, api } = shop;
    await api.run({ method: 'get', path: '/shop', url: '/shop' });
    await api.run({ method: 'patch', path: '/settings', url: '/settings', body: { language: 'fr' } });
    await api.run({ method: 'get', path: '/imports/latest', url: '/imports/latest' });
    await api.run({ method: 'post', path: '/imports', url: '/imports' });
    await api.run({ method: 'get', path: '/reconciliation', url: '/reconciliation' });
    await api.run({ method: 'post', path: '/reconciliation/run', url: '/reconciliation/run' });
    await api.run({ method: 'get', path: '/privacy', url: '/privacy' });
    await api.run({ method: 'get', path: '/privacy/{id}/export', url: `/privacy/${ids.privacy}/export` });
    await api.run({ method: 'get', path: '/overview', url: '/overview' });
    // the demo mailbox answers its documented 404 unless DEMO_MAILBOX_URL names the demo's SMTP sink
    expect(shop.s.t.ctx.config.email.demoMailboxUrl).toBeUndefined();
    await api.run({ method: 'get', path: '/mailbox', url: '/mailbox' }, 404);
    api.expectAreaCovered('shop');
  }, 60_000);
});
