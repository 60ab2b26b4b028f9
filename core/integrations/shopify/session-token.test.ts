import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifySessionToken } from './session-token.js';

const secret = 'app-secret';
const apiKey = 'app-key';
const now = new Date('2026-11-22T12:00:00Z');
const t = Math.floor(now.getTime() / 1000);

async function token(claims: Record<string, unknown> = {}, key = secret) {
  return new SignJWT({
    iss: 'https://a-shop.myshopify.com/admin',
    dest: 'https://a-shop.myshopify.com',
    aud: apiKey,
    sub: '42',
    sid: 's1',
    exp: t + 60,
    nbf: t - 1,
    iat: t,
    jti: 'j',
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(key));
}
const check = (tok: string, skew = 10) =>
  verifySessionToken(tok, { apiKey, secrets: [secret], clockSkewSeconds: skew, now });

describe('verifySessionToken', () => {
  it('accepts a valid token and derives the shop from dest', async () => {
    expect(await check(await token())).toEqual({
      ok: true,
      claims: { shop: 'a-shop.myshopify.com', userId: '42', sessionId: 's1', exp: t + 60 },
    });
  });
  it('rejects a wrong signature, audience, destination', async () => {
    expect(await check(await token({}, 'other'))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await check(await token({ aud: 'someone-else' }))).toEqual({ ok: false, reason: 'wrong_audience' });
    expect(await check(await token({ dest: 'https://evil.example.com' }))).toEqual({
      ok: false,
      reason: 'wrong_destination',
    });
    expect(await check(await token({ iss: 'https://b-shop.myshopify.com/admin' }))).toEqual({
      ok: false,
      reason: 'wrong_destination',
    });
    expect(await check('not.a.jwt')).toMatchObject({ ok: false });
  });
  it('honours exp and nbf within the clock skew only', async () => {
    expect(await check(await token({ exp: t - 5 }))).toMatchObject({ ok: true });
    expect(await check(await token({ exp: t - 15 }))).toEqual({ ok: false, reason: 'expired' });
    expect(await check(await token({ nbf: t + 5 }))).toMatchObject({ ok: true });
    expect(await check(await token({ nbf: t + 30 }))).toEqual({ ok: false, reason: 'not_yet_valid' });
  });
});
