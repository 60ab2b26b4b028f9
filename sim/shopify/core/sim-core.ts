import type { GraphQLSchema } from 'graphql';
import type { Clock } from './clock.js';
import type { IdAllocator } from './ids.js';
import type { Prng } from './prng.js';
import type { PlanName, SimShop } from '../state/types.js';

/** Throttle settings of one plan. */
export interface PlanThrottle {
  maximumAvailable: number;
  restoreRate: number;
}

/** Settings fixed when the simulator is created. */
export interface SimConfig {
  apiKey: string;
  apiSecret: string;
  apiVersion: string;
  /** Scopes granted on install (from shopify.app.toml). */
  scopes: string;
  offlineTokenTtlSec: number;
  onlineTokenTtlSec: number;
  refreshTokenTtlSec: number;
  plans: Record<PlanName, PlanThrottle>;
  /** Largest requested cost of a single query. */
  maxQueryCost: number;
  /** Hide orders older than 60 days unless the token has read_all_orders, as Shopify does. */
  enforceOrderAgeLimit: boolean;
}

/** Lazily built webhook payload: nothing is serialised for topics nobody subscribed to. */
export type PayloadThunk = () => object;

/** Where state changes are announced (the webhook dispatcher listens). */
export interface EventSink {
  emit(shop: SimShop, topic: string, payload: PayloadThunk): void;
}

/** Where fulfillment-service callbacks go (POST <callbackUrl>/fulfillment_order_notification). */
export interface FulfillmentServiceNotifier {
  notify(shop: SimShop, callbackUrl: string, kind: 'FULFILLMENT_REQUEST' | 'CANCELLATION_REQUEST'): void;
}

/** What every operation of the simulator works with. */
export interface SimCore {
  readonly config: SimConfig;
  readonly clock: Clock;
  readonly ids: IdAllocator;
  readonly prng: Prng;
  readonly shops: Map<string, SimShop>;
  readonly events: EventSink;
  readonly fulfillmentService: FulfillmentServiceNotifier;
  /** The real Admin schema every request is validated against. */
  readonly schema: GraphQLSchema;
  /** Background work (bulk runs) that waitForIdle should wait for. */
  readonly bulkTracker: { track(work: Promise<void>): void };
  /** Base URL of the running server (bulk result URLs); empty before start. */
  baseUrl: string;
}
