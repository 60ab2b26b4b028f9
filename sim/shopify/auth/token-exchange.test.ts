import '@shopify/shopify-api/adapters/node';
import { ApiVersion, LogSeverity, RequestedTokenType, shopifyApi } from '@shopify/shopify-api';
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP, startHarness, TEST_KEY, TEST_SECRET, type Harness } from '../test-support/harness.js';

const shopify = shopifyApi({
  apiKey: TEST_KEY,
  apiSecretKey: TEST_SECRET,
  apiVersion: ApiVersion.July26,
  hostName: 'app.example.com',
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error, log: async () => {} },
});

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const target = new URL(h.sim.url);
  // what the app does at start-up: *.myshopify.com goes to the simulator, the shop in X-Forwarded-Host
  setAbstractFetchFunc(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers = new Headers(init?.headers);
    headers.set('x-forwarded-host', url.hostname);
    url.protocol = target.protocol;
    url.host = target.host;
    return fetch(url, { ...init, headers });
  });
});
afterAll(async () => {
  await h.close();
});

const SHOP_QUERY = '{ shop { myshopifyDomain } }';

async function rawExchange(
  subjectToken: string,
  extra: { [k: string]: string } = {},
): Promise<{ status: number; body: { [k: string]: unknown } }> {
  const res = await fetch(`${h.sim.url}/admin/oauth/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-host': SHOP },
    body: JSON.stringify({
      client_id: TEST_KEY,
      client_secret: TEST_SECRET,
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: subjectToken,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      requested_token_type: 'urn:shopify:params:oauth:token-type:offline-access-token',
      ...extra,
    }),
  });
  return { status: res.status, body: (await res.json()) as { [k: string]: unknown } };
}

describe('session tokens and token exchange', () => {
  it('mints the session token App Bridge would give the embedded UI', async () => {
    const token = await h.sim.mintSessionToken(SHOP, { userId: 42 });
    const payload = await shopify.session.decodeSessionToken(token);
    expect(payload).toMatchObject({ iss: `https://${SHOP}/admin`, dest: `https://${SHOP}`, aud: TEST_KEY, sub: '42' });
    expect(payload.exp - payload.iat).toBe(60);
    expect(typeof payload.sid).toBe('string');
    expect(typeof payload.jti).toBe('string');
  });

  it('exchanges a session token for a working offline token; without a token the Admin API answers 401', async () => {
    const { session } = await shopify.auth.tokenExchange({
      shop: SHOP,
      sessionToken: await h.sim.mintSessionToken(SHOP),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
    });
    expect(session.isOnline).toBe(false);
    expect(session.accessToken).toMatch(/^shpat_/);
    const ok = await h.gql(SHOP_QUERY, undefined, session.accessToken);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toEqual({ shop: { myshopifyDomain: SHOP } });
    const client = new shopify.clients.Graphql({ session });
    const viaLibrary = await client.request<{ shop: { myshopifyDomain: string } }>(SHOP_QUERY);
    expect(viaLibrary.data?.shop.myshopifyDomain).toBe(SHOP);
    const none = await fetch(h.sim.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SHOP_QUERY }),
    });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
    });
  });

  it('rejects a bad subject token with 400 invalid_subject_token', async () => {
    for (const bad of [
      await h.sim.mintSessionToken(SHOP, { secret: 'not-the-secret' }),
      await h.sim.mintSessionToken(SHOP, { aud: 'another-app' }),
      await h.sim.mintSessionToken(SHOP, { nowMs: Date.now() - 5 * 60_000 }),
      'not-a-jwt',
    ]) {
      const r = await rawExchange(bad);
      expect(r.status).toBe(400);
      expect(r.body.error).toBe('invalid_subject_token');
    }
  });

  it('issues online tokens with the associated user', async () => {
    const { session } = await shopify.auth.tokenExchange({
      shop: SHOP,
      sessionToken: await h.sim.mintSessionToken(SHOP, { userId: 7 }),
      requestedTokenType: RequestedTokenType.OnlineAccessToken,
    });
    expect(session.isOnline).toBe(true);
    expect(session.onlineAccessInfo?.associated_user.id).toBe(7);
    expect((await h.gql(SHOP_QUERY, undefined, session.accessToken)).status).toBe(200);
  });

  it('expiring offline tokens expire, refresh, and rotate the refresh token', async () => {
    const first = await rawExchange(await h.sim.mintSessionToken(SHOP), { expiring: '1' });
    expect(first.body).toMatchObject({ expires_in: 3600, refresh_token_expires_in: 7_776_000 });
    const access = String(first.body.access_token);
    const refresh1 = String(first.body.refresh_token);
    expect((await h.gql(SHOP_QUERY, undefined, access)).status).toBe(200);
    h.clock.advance(3601 * 1000);
    expect((await h.gql(SHOP_QUERY, undefined, access)).status).toBe(401);

    const { session: second } = await shopify.auth.refreshToken({ shop: SHOP, refreshToken: refresh1 });
    expect(second.refreshToken).toBeTruthy();
    expect(second.refreshToken).not.toBe(refresh1);
    expect((await h.gql(SHOP_QUERY, undefined, second.accessToken)).status).toBe(200);
    // a lost answer is recoverable: the old refresh token works until the replacement is used
    const { session: retry } = await shopify.auth.refreshToken({ shop: SHOP, refreshToken: refresh1 });
    const { session: third } = await shopify.auth.refreshToken({ shop: SHOP, refreshToken: retry.refreshToken ?? '' });
    expect((await h.gql(SHOP_QUERY, undefined, third.accessToken)).status).toBe(200);
    await expect(shopify.auth.refreshToken({ shop: SHOP, refreshToken: refresh1 })).rejects.toThrow();
  });

  it('uninstalling fires app/uninstalled and revokes every token', async () => {
    const token = h.sim.issueAccessToken(SHOP).access_token;
    expect((await h.gql(SHOP_QUERY, undefined, token)).status).toBe(200);
    h.sim.control.uninstallApp(SHOP);
    expect((await h.gql(SHOP_QUERY, undefined, token)).status).toBe(401);
    expect(h.sim.webhookLog({ topic: 'app/uninstalled' })).toHaveLength(1);
    expect((await rawExchange(await h.sim.mintSessionToken(SHOP))).body.error).toBe('invalid_subject_token');
    h.sim.control.installApp(SHOP);
  });

  it('runs the authorization-code grant: authorize redirects back with a code and a valid hmac', async () => {
    h.clock.set(Date.now()); // the library checks the redirect's timestamp against the real clock
    const authorize = new URL(`${h.sim.url}/admin/oauth/authorize`);
    authorize.searchParams.set('client_id', TEST_KEY);
    authorize.searchParams.set('scope', 'read_orders');
    authorize.searchParams.set('redirect_uri', 'https://app.example.com/auth/callback');
    authorize.searchParams.set('state', 'nonce-123');
    const res = await fetch(authorize, { redirect: 'manual', headers: { 'x-forwarded-host': SHOP } });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe('https://app.example.com/auth/callback');
    expect(back.searchParams.get('state')).toBe('nonce-123');
    expect(back.searchParams.get('shop')).toBe(SHOP);
    expect(await shopify.utils.validateHmac(Object.fromEntries(back.searchParams))).toBe(true);
    const exchange = (code: string | null) =>
      fetch(`${h.sim.url}/admin/oauth/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-host': SHOP },
        body: JSON.stringify({ client_id: TEST_KEY, client_secret: TEST_SECRET, code }),
      });
    const tokenRes = await exchange(back.searchParams.get('code'));
    const body = (await tokenRes.json()) as { access_token: string };
    expect((await h.gql(SHOP_QUERY, undefined, body.access_token)).status).toBe(200);
    expect((await exchange(back.searchParams.get('code'))).status).toBe(400);
  });
});
