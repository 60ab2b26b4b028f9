import '@shopify/shopify-api/adapters/node';
import { ApiVersion, LogSeverity, shopifyApi, type Shopify } from '@shopify/shopify-api';
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import type { AppConfig } from '../../config.js';

let redirectInstalled = false;

/**
 * Sends every `https://<shop>.myshopify.com/...` request to `origin` instead (the simulator,
 * or a recording proxy). Process-wide, like the library's own fetch hook; nothing else in
 * the app knows the difference.
 */
export function redirectShopifyTraffic(origin: string): void {
  if (redirectInstalled) return;
  redirectInstalled = true;
  const target = new URL(origin);
  setAbstractFetchFunc(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.hostname.endsWith('.myshopify.com')) {
      const headers = new Headers(init?.headers);
      headers.set('x-forwarded-host', url.hostname);
      url.protocol = target.protocol;
      url.host = target.host;
      return fetch(url, { ...init, headers });
    }
    return fetch(input, init);
  });
}

/** The @shopify/shopify-api instance: auth, webhooks helpers and the GraphQL client. */
export function createShopifyApi(config: AppConfig): Shopify {
  if (config.shopify.apiOrigin) redirectShopifyTraffic(config.shopify.apiOrigin);
  const appUrl = new URL(config.http.appUrl ?? `http://127.0.0.1:${config.http.port}`);
  return shopifyApi({
    apiKey: config.shopify.apiKey,
    apiSecretKey: config.shopify.apiSecret,
    apiVersion: ApiVersion.July26,
    hostName: appUrl.host,
    hostScheme: appUrl.protocol === 'http:' ? 'http' : 'https',
    isEmbeddedApp: true,
    scopes: config.shopify.scopes.length ? config.shopify.scopes : undefined,
    logger: { level: LogSeverity.Error, log: async () => {} },
  });
}
