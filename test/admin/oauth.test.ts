import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { createSessionsRepo } from '../../core/db/sessions-repo.js';
import { startSimApp, type SimApp } from '../helpers/sim-app.js';

describe('development install through the OAuth code grant', () => {
  let s: SimApp;
  beforeAll(async () => {
    s = await startSimApp({ env: { APP_URL: 'http://127.0.0.1:3999' } });
    s.sim.control.createShop({ domain: 'oauth-shop.myshopify.com', installed: false });
  });
  afterAll(async () => s.close());

  it('redirects to Shopify, accepts the signed callback, and stores an offline token', async () => {
    // a browser, not a bot: the library answers bots with 410
    const ua = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36' };
    const begin = await s.app.inject({ url: '/auth?shop=oauth-shop.myshopify.com', headers: ua });
    expect(begin.statusCode).toBe(302);
    const authorize = new URL(begin.headers.location as string);
    expect(authorize.host).toBe('oauth-shop.myshopify.com');
    const cookies = ([] as string[])
      .concat(begin.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    // the merchant approves in Shopify: the simulator answers where Shopify would
    const approved = await fetch(`${s.sim.url}${authorize.pathname}${authorize.search}`, {
      redirect: 'manual',
      headers: { 'x-shopify-shop-domain': authorize.host },
    });
    expect(approved.status).toBe(302);
    const back = new URL(approved.headers.get('location')!);
    const callback = await s.app.inject({ url: `${back.pathname}${back.search}`, headers: { cookie: cookies, ...ua } });
    expect(callback.statusCode).toBe(302);
    const shop = await createShopsRepo(s.t.ctx.db).byDomain('oauth-shop.myshopify.com');
    expect(shop?.status).toBe('active');
    const session = await createSessionsRepo(s.t.ctx.db, s.t.ctx.cipher).load('offline_oauth-shop.myshopify.com');
    expect(session?.accessToken).toBeTruthy();
  });

  it('refuses a callback with a forged signature', async () => {
    const res = await s.app.inject({
      url: '/auth/callback?code=x&shop=oauth-shop.myshopify.com&state=y&timestamp=1&hmac=deadbeef',
      headers: { 'user-agent': 'Mozilla/5.0 Chrome/156.0' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('oauth_failed');
  });
});
