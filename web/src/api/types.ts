import type { AllocationStatus } from '../../../drizzle/schema/allocations.js';
import type { OrderStatus } from '../../../drizzle/schema/orders.js';
import type { Overview as OverviewCounts } from '../../../core/db/overview-queries.js';
import type { OrderListItem } from '../../../core/db/order-queries.js';
import type { ImportRow, ReconcileRun } from '../../../core/db/sync-repo.js';
import type { Shop } from '../../../core/db/shops-repo.js';
import type { WarehouseRow } from '../../../core/db/warehouses-repo.js';
import type { createFeedKeysRepo } from '../../../core/db/feed-keys-repo.js';
import type { createInboxRepo } from '../../../core/db/inbox-repo.js';
import type { createShipmentsQueries } from '../../../core/db/shipments-queries.js';
import type { FeedAllocation } from '../../../core/db/feed-repo.js';
import type { RoutingRule, RoutingRuleKind, RuleOf } from '../../../core/domain/routing/rules.js';
import type { RoutingTrace } from '../../../core/domain/routing/trace-types.js';
import type { SimulationResult, RuleSetMetrics } from '../../../core/use-cases/admin/simulate-rules.js';
import type { WarehouseInput } from '../../../core/use-cases/admin/warehouse-input.js';

export type { AllocationStatus, OrderStatus, RoutingRule, RoutingRuleKind, RuleOf, RoutingTrace, SimulationResult, RuleSetMetrics, WarehouseInput };

/** What a value looks like after JSON.stringify on the server: dates become ISO strings. */
export type Jsonified<T> = T extends Date ? string
  : T extends (infer U)[] ? Jsonified<U>[]
  : T extends object ? { [K in keyof T]: Jsonified<T[K]> }
  : T;

/** The merchant's choices that change how the app behaves. */
export type ShopSettings = Shop['settings'];
/** UI languages the app is translated into. */
export type Language = ShopSettings['language'];

/** GET /shop */
export interface ShopResponse {
  shop: { domain: string; name: string; currency: string; locale: string; timezone: string; status: string; installedAt: string | null };
  settings: ShopSettings;
  import: Jsonified<ImportRow> | null;
  lastReconciliation: Jsonified<ReconcileRun> | null;
  deadLetters: number;
  /** whether the app can send e-mails, and whether the demo mailbox is there */
  email?: { configured: boolean; mailbox: boolean };
}

/** GET /overview */
export type OverviewResponse = OverviewCounts & {
  deadLetters: number;
  /** shipments late and not delivered yet */
  delayedShipments?: number;
  /** open stock alerts, and how many of them are critical */
  stockAlerts: { open: number; critical: number };
  lastReconciliation: { at: string; status: string; checked: number; repaired: number; details: ReconcileDetail[] } | null;
};

/** One thing a reconciliation run found and repaired. */
export interface ReconcileDetail {
  name?: string;
  what?: string;
  externalId?: string;
}

/** One row of GET /orders */
export type OrderRow = Jsonified<OrderListItem>;
/** GET /orders */
export interface OrderPage {
  items: OrderRow[];
  nextCursor: string | null;
}

type ShipmentRows = Awaited<ReturnType<ReturnType<typeof createShipmentsQueries>['forAllocations']>>;
/** A parcel with its carrier scans. */
export type Shipment = Jsonified<ShipmentRows[number]>;

/** One allocation of an order: what one warehouse was given, and what became of it. */
export interface OrderAllocation {
  id: number;
  warehouseId: number;
  warehouse: string;
  status: AllocationStatus;
  attempt: number;
  promisedShipBy: string | null;
  promisedDeliveryBy: string | null;
  serviceLevel: string | null;
  cost: string | null;
  distanceKm: string | null;
  dispatchedAt: string | null;
  acknowledgedAt: string | null;
  rejectReason: string | null;
  dispatchError: string | null;
  lines: Jsonified<FeedAllocation['lines']>;
  shipments: Shipment[];
}

/** One entry of an order's audit trail. */
export interface TimelineEntry {
  id: number;
  at: string;
  action: string;
  actor: string;
  data: Record<string, unknown> | null;
}

/** An address as orders carry it. */
export interface PostalAddress {
  name?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  zip?: string | null;
  province?: string | null;
  countryCode?: string | null;
  country?: string | null;
}

/** GET /orders/:id */
export interface OrderDetail {
  order: {
    id: number; name: string; channel: string; status: OrderStatus; financialStatus: string | null; onHoldReason: string | null;
    placedAt: string; cancelledAt: string | null; email: string | null; shippingAddress: PostalAddress | null; totalPrice: string; currency: string; tags: string[] | null;
    /** the customer's tracking page, once the order has one */
    trackingPageUrl: string | null;
  };
  delays: OrderDelay[];
  emails: OrderEmail[];
  lines: { id: number; sku: string | null; title: string; quantity: number; currentQuantity: number; unitPrice: string | null }[];
  allocations: OrderAllocation[];
  backorders: { id: number; sku: string; quantity: number; outcome: string; cancelAt: string | null; createdAt: string }[];
  trace: RoutingTrace | null;
  timeline: TimelineEntry[];
}

/** A warehouse as the admin API returns it. */
export type Warehouse = Jsonified<Omit<WarehouseRow, 'pushSecretEnc' | 'shopId'>> & { hasPushSecret: boolean };
/** GET /warehouses */
export interface WarehouseList {
  items: Warehouse[];
  feedDocs: string;
  openapi: string;
}
/** POST and PUT /warehouses: the saved warehouse, and its push secret the first time one is made. */
export interface WarehouseSaved {
  warehouse: Warehouse;
  pushSecret?: string | null;
}

/** A 3PL API key as listed (never the key itself). */
export type FeedKey = Jsonified<Awaited<ReturnType<ReturnType<typeof createFeedKeysRepo>['list']>>[number]>;
/** POST /warehouses/:id/keys: the only time the key is shown. */
export interface NewFeedKey {
  id: number;
  prefix: string;
  key: string;
  note: string;
}

/** A Shopify location a warehouse can be linked to. */
export interface ShopifyLocation {
  id: string;
  name: string;
  active: boolean;
  isFulfillmentService: boolean;
  address: PostalAddress | null;
  latitude: number | null;
  longitude: number | null;
}

/** GET /routing-rules */
export interface RulesResponse {
  rules: RoutingRule[];
  version: number;
  isDefault: boolean;
  defaults: RoutingRule[];
}

/** One dead letter as listed. */
export type DeadLetter = Jsonified<Awaited<ReturnType<ReturnType<typeof createInboxRepo>['listDead']>>[number]>;
/** GET /dead-letters */
export interface DeadLetterPage {
  items: DeadLetter[];
  total: number;
  nextBefore: number | null;
}
/** GET /dead-letters/:id */
export interface DeadLetterDetail {
  id: number;
  topic: string;
  eventId: string | null;
  attempts: number;
  lastError: string | null;
  receivedAt: string;
  body: string;
}

/** A parcel found late by the delay check. */
export interface OrderDelay { id: number; shipmentId: number; reason: 'no_scan' | 'promise_passed' | 'carrier_exception'; detectedAt: string; resolvedAt: string | null }
/** One e-mail decided for the order (sent by the app, left to Shopify, or not sent). */
export interface OrderEmail { id: number; kind: string; sender: 'app' | 'shopify'; status: string; toAddress: string | null; locale: string; attempts: number; lastError: string | null; sentAt: string | null; shipmentId: number | null }
