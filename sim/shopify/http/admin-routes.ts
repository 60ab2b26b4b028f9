import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySessionToken } from '../auth/session-token.js';
import type { AccessTokenResponse, TokenStore } from '../auth/tokens.js';
import type { RequestLog } from '../control/request-log.js';
import type { SimCore } from '../core/sim-core.js';
import { isoUtc } from '../core/time-format.js';
import { runGraphql } from '../graphql/execute.js';
import { SIM_API_VERSION } from '../graphql/admin-schema.js';
import { normaliseShopDomain } from '../state/shop-factory.js';
import { parseBody, readBody, requestShop, sendJson } from './io.js';

const INVALID_TOKEN = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const OFFLINE = 'urn:shopify:params:oauth:token-type:offline-access-token';
const ONLINE = 'urn:shopify:params:oauth:token-type:online-access-token';

interface AuthCode {
  shop: string;
  online: boolean;
  expiresAt: number;
  used: boolean;
}

/** What the Admin routes need. */
export interface AdminRouteDeps {
  core: SimCore;
  tokens: TokenStore;
  requestLog: RequestLog;
}

/** Hex HMAC of the OAuth redirect query, computed the way @shopify/shopify-api checks it. */
export function oauthQueryHmac(params: Record<string, string>, secret: string): string {
  const q = new URLSearchParams();
  for (const key of Object.keys(params).sort((a, b) => a.localeCompare(b))) {
    if (key === 'hmac' || key === 'signature') continue;
    q.append(key, params[key] ?? '');
  }
  return createHmac('sha256', secret).update(q.toString().replace(/\+/g, '%20')).digest('hex');
}

export function createAdminRoutes(deps: AdminRouteDeps) {
  const { core, tokens, requestLog } = deps;
  const codes = new Map<string, AuthCode>();

  const graphql = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const header = req.headers['x-shopify-access-token'];
    const token = Array.isArray(header) ? header[0] : header;
    const rec = token ? tokens.check(token) : null;
    const hostShop = requestShop(req);
    const shop = rec ? core.shops.get(rec.shop) : undefined;
    const body = parseBody(req, raw);
    const query = typeof body?.query === 'string' ? body.query : '';
    const log = (
      status: number,
      outcome: string,
      extra: { operationName?: string | null; requested?: number; actual?: number | null; errors?: string[] } = {},
    ): void =>
      requestLog.add({
        at: isoUtc(core.clock.now()),
        shop: shop?.domain ?? hostShop,
        operationName: extra.operationName ?? (typeof body?.operationName === 'string' ? body.operationName : null),
        query,
        variables: body?.variables ?? null,
        requestedCost: extra.requested ?? 0,
        actualCost: extra.actual ?? null,
        outcome,
        httpStatus: status,
        errors: extra.errors ?? [],
        currentlyAvailable: shop ? Math.floor(shop.bucket.currentlyAvailable) : null,
      });
    if (!rec || !shop || !shop.installed || (hostShop !== null && hostShop !== rec.shop)) {
      log(401, 'unauthorized');
      return sendJson(res, 401, INVALID_TOKEN);
    }
    if (body === null) {
      log(400, 'bad_request');
      return sendJson(res, 400, { errors: { query: 'Required parameter missing or invalid' } });
    }
    const result = await runGraphql(core, shop, new Set(rec.scope.split(',').map((s) => s.trim())), body);
    const errors = (result.body as { errors?: unknown }).errors;
    log(result.httpStatus, result.outcome, {
      operationName: result.operationName,
      requested: result.requestedCost,
      actual: result.actualCost,
      errors: Array.isArray(errors)
        ? errors.map((e: { message?: string }) => String(e.message))
        : errors
          ? [JSON.stringify(errors)]
          : [],
    });
    sendJson(res, result.httpStatus, result.body, {
      'x-shopify-api-version': SIM_API_VERSION,
      'x-request-id': randomBytes(8).toString('hex'),
    });
  };

  const issue = (shop: string, online: boolean, expiring: boolean, userId: number): AccessTokenResponse => {
    const s = core.shops.get(shop);
    return online
      ? tokens.issueOnline(shop, core.config.scopes, userId, s?.locale ?? 'en')
      : tokens.issueOffline(shop, core.config.scopes, expiring);
  };

  const accessToken = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = parseBody(req, await readBody(req));
    if (!body) return sendJson(res, 400, { error: 'invalid_request', error_description: 'Malformed body' });
    if (body.client_id !== core.config.apiKey || body.client_secret !== core.config.apiSecret)
      return sendJson(res, 400, { error: 'invalid_client', error_description: 'Client credentials are invalid' });
    const hostShop = requestShop(req);
    const grant = typeof body.grant_type === 'string' ? body.grant_type : body.code ? 'authorization_code' : '';
    const expiring = body.expiring === '1' || body.expiring === 1 || body.expiring === true;
    if (grant === TOKEN_EXCHANGE) {
      const invalid = (why: string) => sendJson(res, 400, { error: 'invalid_subject_token', error_description: why });
      if (typeof body.subject_token !== 'string') return invalid('subject_token is missing');
      const claims = await verifySessionToken(
        body.subject_token,
        core.config.apiKey,
        core.config.apiSecret,
        core.clock.now(),
      );
      if (!claims) return invalid('The session token is invalid or expired');
      const shop = normaliseShopDomain(new URL(claims.dest).hostname);
      if (hostShop !== null && hostShop !== shop) return invalid('The session token was issued for another shop');
      if (!core.shops.get(shop)?.installed) return invalid('The app is not installed on this shop');
      const type = body.requested_token_type ?? OFFLINE;
      if (type !== OFFLINE && type !== ONLINE)
        return sendJson(res, 400, { error: 'invalid_request', error_description: 'Unsupported requested_token_type' });
      return sendJson(res, 200, issue(shop, type === ONLINE, expiring, Number(claims.sub) || 1));
    }
    if (grant === 'refresh_token') {
      if (typeof body.refresh_token !== 'string')
        return sendJson(res, 400, { error: 'invalid_request', error_description: 'refresh_token is missing' });
      const owner = tokens.refreshRecord(body.refresh_token)?.shop;
      if (owner && hostShop !== null && owner !== hostShop)
        return sendJson(res, 400, {
          error: 'invalid_grant',
          error_description: 'Refresh token belongs to another shop',
        });
      if (owner && !core.shops.get(owner)?.installed)
        return sendJson(res, 400, {
          error: 'invalid_grant',
          error_description: 'The app is not installed on this shop',
        });
      const r = tokens.refresh(body.refresh_token);
      if (!r.ok)
        return sendJson(res, 400, { error: 'invalid_grant', error_description: `Refresh token is ${r.reason}` });
      return sendJson(res, 200, r.response);
    }
    if (grant === 'authorization_code') {
      const code = typeof body.code === 'string' ? codes.get(body.code) : undefined;
      if (!code || code.used || core.clock.now() > code.expiresAt)
        return sendJson(res, 400, {
          error: 'invalid_grant',
          error_description: 'Authorization code is invalid or expired',
        });
      if (hostShop !== null && hostShop !== code.shop)
        return sendJson(res, 400, {
          error: 'invalid_grant',
          error_description: 'Authorization code was issued for another shop',
        });
      code.used = true;
      return sendJson(res, 200, issue(code.shop, code.online, expiring, 1));
    }
    return sendJson(res, 400, {
      error: 'unsupported_grant_type',
      error_description: `Unsupported grant_type ${grant}`,
    });
  };

  /** The merchant approves at once: the app is installed and the browser goes back with a code. */
  const authorize = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    const shopParam = requestShop(req) ?? url.searchParams.get('shop');
    const shop = shopParam ? core.shops.get(normaliseShopDomain(shopParam)) : undefined;
    if (!shop) return sendJson(res, 404, { errors: 'Not Found' });
    if (url.searchParams.get('client_id') !== core.config.apiKey)
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'Unknown client_id' });
    const redirect = url.searchParams.get('redirect_uri');
    if (!redirect || !/^https?:\/\//.test(redirect))
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'redirect_uri is required' });
    shop.installed = true;
    const code = randomBytes(16).toString('hex');
    const online = url.searchParams.getAll('grant_options[]').includes('per-user');
    codes.set(code, { shop: shop.domain, online, expiresAt: core.clock.now() + 10 * 60_000, used: false });
    const params: Record<string, string> = {
      code,
      host: Buffer.from(`admin.shopify.com/store/${shop.domain.replace('.myshopify.com', '')}`)
        .toString('base64')
        .replace(/=+$/, ''),
      shop: shop.domain,
      state: url.searchParams.get('state') ?? '',
      timestamp: String(Math.floor(core.clock.now() / 1000)),
    };
    params.hmac = oauthQueryHmac(params, core.config.apiSecret);
    const target = new URL(redirect);
    for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
    res.writeHead(302, { location: target.toString() });
    res.end();
  };

  return { graphql, accessToken, authorize };
}
