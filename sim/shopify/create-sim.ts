import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTokenStore, type AccessTokenResponse } from './auth/tokens.js';
import type { SessionTokenOptions } from './auth/session-token.js';
import { type Clock, type ManualClock, systemClock } from './core/clock.js';
import { createIdAllocator } from './core/ids.js';
import { createPrng } from './core/prng.js';
import type { PlanThrottle, SimConfig, SimCore } from './core/sim-core.js';
import { createControl, ControlError, type ShopifySimControl } from './control/control-api.js';
import { createRequestLog, type GraphqlLogEntry } from './control/request-log.js';
import { adminSchema, SIM_API_VERSION } from './graphql/admin-schema.js';
import { createSimServer } from './http/server.js';
import { normaliseShopDomain } from './state/shop-factory.js';
import type { PlanName, SimShop } from './state/types.js';
import {
  createDispatcher,
  DEFAULT_DELIVERY,
  NO_CHAOS,
  type ChaosSettings,
  type DeliveryFilter,
  type DeliveryRecord,
  type DeliverySettings,
} from './webhooks/dispatcher.js';
import { readAppToml, type WebhookSubscription } from './webhooks/subscriptions.js';

/** Default throttle per plan (all overridable): restore rates are Shopify's, bucket sizes a guess. */
export const DEFAULT_PLANS: Record<PlanName, PlanThrottle> = {
  standard: { maximumAvailable: 1000, restoreRate: 100 },
  advanced: { maximumAvailable: 2000, restoreRate: 200 },
  plus: { maximumAvailable: 2000, restoreRate: 1000 },
  enterprise: { maximumAvailable: 4000, restoreRate: 2000 },
};

/** How to build a simulator. Only the app credentials are required. */
export interface ShopifySimOptions {
  /** SHOPIFY_API_KEY of the app. */
  apiKey: string;
  /** SHOPIFY_API_SECRET of the app: signs webhooks and session tokens. */
  apiSecret: string;
  /** Base URL relative webhook URIs of shopify.app.toml are resolved against (the app server). */
  appUrl?: string | null;
  /** shopify.app.toml to read subscriptions and scopes from; default: the repository's. */
  appTomlPath?: string;
  /** Replace the TOML subscriptions. */
  subscriptions?: WebhookSubscription[];
  /** Scopes granted on install; default: the TOML's. */
  scopes?: string;
  /** Inject a clock (e.g. createManualClock) to drive token expiry and bucket math. */
  clock?: Clock;
  /** Seed of the PRNG (order tokens, chaos decisions). */
  seed?: number;
  webhooks?: Partial<DeliverySettings>;
  chaos?: Partial<ChaosSettings>;
  plans?: Partial<Record<PlanName, PlanThrottle>>;
  maxQueryCost?: number;
  offlineTokenTtlSec?: number;
  onlineTokenTtlSec?: number;
  refreshTokenTtlSec?: number;
  enforceOrderAgeLimit?: boolean;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Entries kept in each log (oldest dropped first); default 50,000. */
  maxLogEntries?: number;
}

function defaultTomlPath(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shopify.app.toml');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Creates an in-memory Shopify: Admin GraphQL on the real 2026-07 schema, OAuth and token
 * exchange, signed webhooks from shopify.app.toml, cost-based throttling, and a control API.
 */
export function createShopifySim(options: ShopifySimOptions) {
  const tomlPath = options.appTomlPath ?? defaultTomlPath();
  const toml = tomlPath ? readAppToml(tomlPath) : null;
  const subscriptions = options.subscriptions ?? toml?.subscriptions ?? [];
  const clock = options.clock ?? systemClock;
  let appUrl: string | null = options.appUrl ?? null;
  const config: SimConfig = {
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    apiVersion: SIM_API_VERSION,
    scopes: options.scopes ?? toml?.scopes ?? '',
    offlineTokenTtlSec: options.offlineTokenTtlSec ?? 3600,
    onlineTokenTtlSec: options.onlineTokenTtlSec ?? 86_399,
    refreshTokenTtlSec: options.refreshTokenTtlSec ?? 90 * 86_400,
    plans: { ...DEFAULT_PLANS, ...options.plans },
    maxQueryCost: options.maxQueryCost ?? 1000,
    enforceOrderAgeLimit: options.enforceOrderAgeLimit ?? true,
  };
  const seed = options.seed ?? 42;
  const dispatcher = createDispatcher({
    secret: () => config.apiSecret,
    apiVersion: toml?.apiVersion ?? SIM_API_VERSION,
    clock,
    prng: createPrng(seed + 1),
    subscriptions: () => subscriptions,
    appUrl: () => appUrl,
    settings: { ...DEFAULT_DELIVERY, ...options.webhooks },
    chaos: { ...NO_CHAOS, ...options.chaos },
    maxLog: options.maxLogEntries ?? 50_000,
  });
  const core: SimCore = {
    config,
    clock,
    ids: createIdAllocator(),
    prng: createPrng(seed),
    shops: new Map(),
    events: dispatcher,
    fulfillmentService: dispatcher,
    schema: adminSchema(),
    bulkTracker: dispatcher,
    baseUrl: '',
  };
  const tokens = createTokenStore(clock, () => ({
    offline: config.offlineTokenTtlSec,
    online: config.onlineTokenTtlSec,
    refresh: config.refreshTokenTtlSec,
  }));
  const requestLog = createRequestLog(options.maxLogEntries ?? 50_000);
  const control = createControl({
    core,
    tokens,
    dispatcher,
    requestLog,
    setAppUrl: (url) => {
      appUrl = url;
    },
  });
  const manual = 'advance' in clock ? (clock as ManualClock) : null;
  const server = createSimServer({
    core,
    tokens,
    requestLog,
    control,
    extras: {
      advanceClock: manual
        ? (ms) => {
            manual.advance(ms);
            return manual.now();
          }
        : null,
      bulkResult: (shop, id) =>
        core.shops.get(normaliseShopDomain(shop))?.bulkOperations.get(Number(id))?.jsonl ?? null,
    },
  });
  let url = '';

  const shopState = (domain: string): SimShop => {
    const shop = core.shops.get(normaliseShopDomain(domain));
    if (!shop) throw new ControlError(`Unknown shop ${domain}`, 404);
    return shop;
  };

  return {
    /** Base URL once started ("http://127.0.0.1:<port>"). */
    get url(): string {
      return url;
    },
    /** Admin GraphQL endpoint. */
    get graphqlUrl(): string {
      return `${url}/admin/api/${SIM_API_VERSION}/graphql.json`;
    },
    async start(port = 0): Promise<string> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, options.host ?? '127.0.0.1', () => resolve());
      });
      const addr = server.address() as AddressInfo;
      url = `http://${options.host ?? '127.0.0.1'}:${addr.port}`;
      core.baseUrl = url;
      return url;
    },
    async stop(): Promise<void> {
      dispatcher.close();
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    control,
    /** The JWT App Bridge would give the embedded UI for this shop. */
    mintSessionToken: (shop: string, opts?: SessionTokenOptions): Promise<string> =>
      control.mintSessionToken(shop, opts),
    /** An access token without the exchange dance, for tests that are not about auth. */
    issueAccessToken: (
      shop: string,
      opts: { expiring?: boolean; online?: boolean; userId?: number } = {},
    ): AccessTokenResponse => control.issueAccessToken(shop, opts),
    webhookLog: (filter?: DeliveryFilter): DeliveryRecord[] => dispatcher.log(filter),
    requestLog: (filter?: { shop?: string; operationName?: string }): GraphqlLogEntry[] => requestLog.list(filter),
    resetLogs: (): void => control.resetLogs(),
    /** Resolves when every webhook, callback and bulk run has finished (retries included). */
    waitForIdleWebhooks: (timeoutMs?: number): Promise<void> => dispatcher.waitForIdle(timeoutMs),
    setAppUrl: (u: string | null): void => {
      appUrl = u;
    },
    subscriptions: (): readonly WebhookSubscription[] => subscriptions,
    /** Raw state of a shop, for assertions. */
    shop: shopState,
    clock,
    core,
    config,
  };
}

/** A running (or startable) simulator. */
export type ShopifySim = ReturnType<typeof createShopifySim>;
export type { ShopifySimControl };
