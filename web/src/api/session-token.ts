import type { ShopifyGlobal } from '@shopify/app-bridge-types';

/** Where the page's session tokens come from: App Bridge inside Shopify admin, the demo's route outside it. */
export type AuthMode = 'embedded' | 'standalone';

/** Hands out App Bridge session tokens for the admin API. */
export interface TokenSource {
  mode: AuthMode;
  /** A token valid for the next request. */
  token(): Promise<string>;
  /** Forgets a token the server refused, so the next call gets a fresh one. */
  invalidate(): void;
}

/** Outside Shopify admin and without the demo's token route: the page cannot authenticate. */
export class NotEmbeddedError extends Error {
  constructor() {
    super('Open this app from your Shopify admin.');
    this.name = 'NotEmbeddedError';
  }
}

/** The demo's tokens live one minute; keep one well inside that. */
const DEMO_TOKEN_TTL_MS = 45_000;

/** The App Bridge global, when its script loaded (it cannot outside Shopify admin or offline). */
export function appBridge(): ShopifyGlobal | undefined {
  const bridge = (globalThis as { shopify?: ShopifyGlobal }).shopify;
  return bridge && typeof bridge.idToken === 'function' ? bridge : undefined;
}

/** Session tokens from `GET /_demo/session-token`, cached for 45 s and shared by concurrent callers. */
export function createDemoTokenSource(fetchImpl: typeof fetch, now: () => number = Date.now): TokenSource {
  let cached: { token: string; until: number } | null = null;
  let pending: Promise<string> | null = null;
  const fetchToken = async (): Promise<string> => {
    const res = await fetchImpl('/_demo/session-token', { headers: { accept: 'application/json' } });
    if (res.status === 404) throw new NotEmbeddedError();
    if (!res.ok) throw new Error(`Could not get a session token (${res.status})`);
    const body = (await res.json()) as { token: string };
    cached = { token: body.token, until: now() + DEMO_TOKEN_TTL_MS };
    return body.token;
  };
  return {
    mode: 'standalone',
    token() {
      if (cached && cached.until > now()) return Promise.resolve(cached.token);
      pending ??= fetchToken().finally(() => {
        pending = null;
      });
      return pending;
    },
    invalidate() {
      cached = null;
    },
  };
}

/** App Bridge when the page runs inside Shopify admin, else the demo's token route. */
export function detectTokenSource(fetchImpl: typeof fetch = fetch.bind(globalThis)): TokenSource {
  const bridge = appBridge();
  if (bridge) return { mode: 'embedded', token: () => bridge.idToken(), invalidate: () => {} };
  return createDemoTokenSource(fetchImpl);
}
