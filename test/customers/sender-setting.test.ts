import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

describe('"notify customers from" without a mail server', () => {
  let s: SimApp;
  let token: string;
  beforeAll(async () => {
    s = await startSimApp();
    token = await simShop(s.sim, 'sans-smtp.myshopify.com');
  });
  afterAll(async () => s?.close());

  it('refuses the app as sender, so Shopify keeps notifying customers', async () => {
    const shop = await s.app.inject({
      method: 'GET',
      url: '/api/admin/shop',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(shop.json().email).toEqual({ configured: false, mailbox: false });
    const res = await s.app.inject({
      method: 'PATCH',
      url: '/api/admin/settings',
      headers: { authorization: `Bearer ${token}` },
      payload: { notifyCustomerFrom: 'app' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('SMTP');
    const after = await s.app.inject({
      method: 'GET',
      url: '/api/admin/shop',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.json().settings.notifyCustomerFrom).toBe('shopify');
    const bad = await s.app.inject({
      method: 'PATCH',
      url: '/api/admin/settings',
      headers: { authorization: `Bearer ${token}` },
      payload: { brandColor: 'red', logoUrl: 'http://x.example/logo.png' },
    });
    expect(bad.statusCode).toBe(400);
  });
});
