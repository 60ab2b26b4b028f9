import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyCustomerSessionToken } from './customer-session-token.js';

const secret = 'app-secret';
const apiKey = 'app-key';
const now = new Date('2026-11-22T12:00:00Z');
const t = Math.floor(now.getTime() / 1000);

/** The claims Shopify documents for customer-account extension tokens: bare dest, aud, 5-minute exp, optional sub. */
async function token(claims: Record<string, unknown> = {}, key = secret) {
  const body = Object.fromEntries(
    Object.entries({
      dest: 'a-shop.myshopify.com',
      aud: apiKey,
      sub: 'gid://shopify/Customer/7',
      exp: t + 300,
      nbf: t - 1,
      iat: t,
      jti: 'j',
      ...claims,
    }).filter(([, v]) => v !== undefined),
  );
  return new SignJWT(body).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(key));
}
const check = (tok: string, secrets = [secret]) =>
  verifyCustomerSessionToken(tok, { apiKey, secrets, clockSkewSeconds: 10, now });

describe('verifyCustomerSessionToken', () => {
  it('takes the shop from the bare dest and the customer from sub', async () => {
    expect(await check(await token())).toEqual({
      ok: true,
      claims: { shop: 'a-shop.myshopify.com', customerId: 'gid://shopify/Customer/7' },
    });
    expect(await check(await token({ sub: undefined }))).toEqual({
      ok: true,
      claims: { shop: 'a-shop.myshopify.com', customerId: null },
    });
    expect(await check(await token({ aud: undefined }))).toMatchObject({ ok: true });
  });

  it('accepts a token signed with the previous secret during a rotation', async () => {
    expect(await check(await token({}, 'old-secret'), [secret, 'old-secret'])).toMatchObject({ ok: true });
  });

  it('refuses other signatures, audiences, admin tokens, odd destinations and subjects, and expired tokens', async () => {
    expect(await check(await token({}, 'other'))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await check(await token({ aud: 'another-app' }))).toEqual({ ok: false, reason: 'wrong_audience' });
    expect(
      await check(await token({ dest: 'https://a-shop.myshopify.com', iss: 'https://a-shop.myshopify.com/admin' })),
    ).toEqual({ ok: false, reason: 'wrong_destination' });
    expect(await check(await token({ iss: 'https://a-shop.myshopify.com/admin' }))).toEqual({
      ok: false,
      reason: 'wrong_destination',
    });
    expect(await check(await token({ dest: 'evil.example.com' }))).toEqual({ ok: false, reason: 'wrong_destination' });
    expect(await check(await token({ sub: '42' }))).toEqual({ ok: false, reason: 'malformed' });
    expect(await check(await token({ exp: t - 15 }))).toEqual({ ok: false, reason: 'expired' });
    expect(await check(await token({ nbf: t + 60 }))).toEqual({ ok: false, reason: 'not_yet_valid' });
    expect(await check(await token({ dest: undefined }))).toEqual({ ok: false, reason: 'malformed' });
    expect(await check('not.a.jwt')).toMatchObject({ ok: false });
  });
});
