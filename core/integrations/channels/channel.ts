import type { ChannelKind } from '../../../drizzle/schema/channels.js';
import type { CarrierCode } from '../../domain/carriers/index.js';
import type { IncomingOrder } from '../../domain/orders/incoming-order.js';

/**
 * A marketplace the merchant sells on, as the app needs it: read the orders that changed, accept
 * them where the marketplace asks, confirm shipment with tracking, set sellable quantities.
 * Shopify is the built-in channel and does not go through this interface: its orders arrive by
 * webhook (core/use-cases/ingest) and its tracking and stock go through the Admin GraphQL use
 * cases (push-tracking, sync-inventory). Faults are thrown from the errors tree: a
 * `RateLimitedError` carries the wait the marketplace asked for, a `RetriableIntegrationError`
 * a 5xx or a timeout, an `IntegrationError` a refusal that retrying cannot fix.
 */
export interface Channel {
  readonly kind: ChannelKind;
  /** The call-frequency rules this adapter keeps to, for the Channels page and the schedulers. */
  limits(): ChannelLimit[];
  /** One cheap authenticated call: are the URL and credentials good? */
  testConnection(): Promise<ConnectionCheck>;
  /** One page of orders changed since the cursor (null: from `initialSince`). */
  listChangedOrders(input: ListOrdersInput): Promise<ChannelOrderPage>;
  /** Order ids the marketplace pushed since the last call (Amazon's queue); empty where it only polls. */
  receiveNotifications(): Promise<ChannelNotification[]>;
  /** Acknowledges notifications once their orders are safely stored. */
  deleteNotifications(receipts: string[]): Promise<void>;
  /** Re-reads given orders (after a notification). */
  getOrders(externalIds: string[]): Promise<ChannelOrder[]>;
  /** Accepts or refuses the lines of an order awaiting the seller's decision. */
  acceptOrder(input: AcceptOrderInput): Promise<AcceptOrderResult>;
  /** Tells the marketplace a parcel left, with its carrier and tracking number. */
  confirmShipment(input: ShipmentConfirmation): Promise<ConfirmShipmentResult>;
  /** Sets what each SKU may sell on this channel. */
  setSellableQuantities(input: SellableQuantity[]): Promise<QuantityPushResult>;
}

/** How often one operation may be called. */
export interface ChannelLimit {
  operation: string;
  /** the operator's published minimum interval between calls, when it publishes one */
  minIntervalMs: number | null;
  /** a token bucket, when the marketplace announces one (Amazon's x-amzn-RateLimit-Limit) */
  ratePerSecond: number | null;
  burst: number | null;
}

export type ConnectionCheck = { ok: true; accountName: string } | { ok: false; reason: string };

export interface ListOrdersInput {
  cursor: string | null;
  /** where a first read starts */
  initialSince: Date;
  now: Date;
}

export interface ChannelOrderPage {
  orders: ChannelOrder[];
  /** where the next read starts; stored only once every order of the page is in the inbox */
  nextCursor: string;
  /** another page follows at once */
  more: boolean;
}

/** An order version read from a marketplace. */
export interface ChannelOrder {
  order: IncomingOrder;
  /** the marketplace's own state code (WAITING_ACCEPTANCE, Unshipped, …) */
  state: string;
  /** the seller must accept or refuse before the marketplace debits the buyer */
  awaitingAcceptance: boolean;
  /** identifies this version: the same order at the same update time is one event */
  versionKey: string;
}

export interface ChannelNotification {
  /** the marketplace's notification id; the dedupe key */
  notificationId: string;
  orderExternalId: string;
  /** handle to delete the message once handled */
  receipt: string;
}

export interface AcceptOrderInput {
  orderExternalId: string;
  lines: { lineExternalId: string; accepted: boolean }[];
}

export type AcceptOrderResult =
  { ok: true } | { ok: false; reason: 'not_awaiting_acceptance' | 'refused_by_marketplace'; message: string };

/** One parcel of one order. */
export interface ShipmentConfirmation {
  orderExternalId: string;
  /** seller-chosen id of the parcel, unique per order */
  packageRef: string;
  carrier: CarrierCode | null;
  /** the carrier as the 3PL named it, for marketplaces that take free text */
  carrierName: string;
  trackingNumber: string;
  trackingUrl: string | null;
  shippedAt: Date;
  lines: { lineExternalId: string; quantity: number }[];
}

export type ConfirmShipmentResult =
  { ok: true; carrierCode: string | null } | { ok: false; reason: 'order_not_shippable' | 'rejected'; message: string };

export interface SellableQuantity {
  sku: string;
  quantity: number;
}

export interface QuantityPushResult {
  /** the marketplace's import or submission id, when it gives one */
  reference: string | null;
  accepted: number;
  /** lines the marketplace refused (unknown offer, bad quantity) */
  rejected: number;
  /** the refused SKUs and why, where the marketplace says (empty where it only counts them) */
  issues: QuantityIssue[];
}

/** One SKU a marketplace refused in a quantity push, in its own words. */
export interface QuantityIssue {
  sku: string;
  message: string;
}
