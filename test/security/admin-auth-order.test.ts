import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimApp, type SimApp } from '../helpers/sim-app.js';

describe('admin API authentication comes first', () => {
  let s: SimApp;
  beforeAll(async () => {
    s = await startSimApp();
  });
  afterAll(async () => s.close());

  it('answers an anonymous caller 401 before looking at the body or the query', async () => {
    const post = await s.app.inject({
      method: 'POST',
      url: '/api/admin/orders/1/hold',
      payload: { reason: 42, extra: true },
    });
    expect(post.statusCode).toBe(401);
    expect(post.body).not.toContain('reason');
    const get = await s.app.inject({ url: '/api/admin/orders?status=nope&limit=9999' });
    expect(get.statusCode).toBe(401);
    expect(get.body).not.toContain('status');
  });

  it('sends a shop that has not installed the app to the install path with a 401', async () => {
    s.sim.control.createShop({
      domain: 'not-yet.myshopify.com',
      name: 'not-yet',
      currency: 'EUR',
      locale: 'fr',
      timezone: 'Europe/Paris',
      installed: false,
    });
    const token = await s.sim.mintSessionToken('not-yet.myshopify.com');
    const res = await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['x-shopify-api-request-failure-reauthorize']).toBe('1');
    expect(res.headers['x-shopify-api-request-failure-reauthorize-url']).toBe(
      `${s.appUrl}/auth?shop=not-yet.myshopify.com`,
    );
    expect(res.json().error.code).toBe('not_installed');
  });
});
