/** Shopify plans that set the default GraphQL throttle of a shop. */
export type PlanName = 'standard' | 'advanced' | 'plus' | 'enterprise';

/** Quantity names an inventory level stores; `on_hand` is derived from them. */
export const STORED_QUANTITY_NAMES = ['available', 'committed', 'incoming', 'reserved', 'damaged', 'safety_stock', 'quality_control'] as const;
/** A stored quantity name. */
export type StoredQuantityName = (typeof STORED_QUANTITY_NAMES)[number];
/** Every quantity name the Admin API answers for. */
export const QUANTITY_NAMES = ['available', 'on_hand', 'committed', 'incoming', 'reserved', 'damaged', 'safety_stock', 'quality_control'] as const;
/** A quantity name as Shopify spells it. */
export type QuantityName = (typeof QUANTITY_NAMES)[number];

/** A postal address as the simulator keeps it (customer, order, location). */
export interface SimAddress {
  firstName: string;
  lastName: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string | null;
  provinceCode: string | null;
  zip: string;
  countryCode: string;
  phone: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** A product with its variants listed by id. */
export interface SimProduct {
  id: number;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  tags: string[];
  status: 'ACTIVE' | 'ARCHIVED' | 'DRAFT';
  variantIds: number[];
  createdAt: number;
  updatedAt: number;
}

/** A product variant; one inventory item each. */
export interface SimVariant {
  id: number;
  productId: number;
  title: string;
  sku: string;
  barcode: string | null;
  priceCents: number;
  grams: number;
  position: number;
  inventoryItemId: number;
  inventoryPolicy: 'DENY' | 'CONTINUE';
  options: { name: string; value: string }[];
  createdAt: number;
  updatedAt: number;
}

/** The stock-keeping side of a variant. */
export interface SimInventoryItem {
  id: number;
  variantId: number;
  sku: string;
  tracked: boolean;
  requiresShipping: boolean;
  unitCostCents: number | null;
  countryCodeOfOrigin: string | null;
  harmonizedSystemCode: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A location: merchant-managed, or the location of a fulfillment service. */
export interface SimLocation {
  id: number;
  name: string;
  address: SimAddress;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  shipsInventory: boolean;
  fulfillmentServiceId: number | null;
  createdAt: number;
  updatedAt: number;
  deactivatedAt: number | null;
}

/** One inventory item stocked at one location. */
export interface SimInventoryLevel {
  inventoryItemId: number;
  locationId: number;
  quantities: Record<StoredQuantityName, number>;
  /** When each stored quantity last changed. */
  quantityUpdatedAt: Record<StoredQuantityName, number>;
  isActive: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A fulfillment service (3PL) and the location Shopify created for it. */
export interface SimFulfillmentService {
  id: number;
  name: string;
  handle: string;
  callbackUrl: string | null;
  inventoryManagement: boolean;
  trackingSupport: boolean;
  requiresShippingMethod: boolean;
  locationId: number;
  /** True when the app under test registered it, so its FOs show in assignedFulfillmentOrders. */
  ownedByApp: boolean;
}

/** A customer. */
export interface SimCustomer {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  defaultAddressId: number;
  defaultAddress: SimAddress;
  tags: string[];
  createdAt: number;
  updatedAt: number;
}

/** A line of an order. */
export interface SimLineItem {
  id: number;
  variantId: number | null;
  productId: number | null;
  inventoryItemId: number | null;
  sku: string;
  title: string;
  variantTitle: string | null;
  vendor: string;
  quantity: number;
  /** Quantity after edits and removals. */
  currentQuantity: number;
  priceCents: number;
  grams: number;
  requiresShipping: boolean;
}

/** The shipping line chosen at checkout. */
export interface SimShippingLine {
  id: number;
  title: string;
  code: string;
  source: string;
  carrierIdentifier: string | null;
  deliveryCategory: string | null;
  priceCents: number;
}

/** REST financial status words. */
export type FinancialStatus = 'pending' | 'authorized' | 'paid' | 'partially_refunded' | 'refunded' | 'voided';

/** An order placed on the shop. */
export interface SimOrder {
  id: number;
  number: number;
  name: string;
  token: string;
  email: string;
  phone: string | null;
  customerId: number;
  shippingAddress: SimAddress;
  billingAddress: SimAddress;
  lineItems: SimLineItem[];
  shippingLines: SimShippingLine[];
  tags: string[];
  note: string | null;
  test: boolean;
  currency: string;
  financialStatus: FinancialStatus;
  sourceName: string;
  createdAt: number;
  updatedAt: number;
  processedAt: number;
  cancelledAt: number | null;
  cancelReason: string | null;
  closedAt: number | null;
  fulfillmentOrderIds: number[];
  fulfillmentIds: number[];
  returnIds: number[];
  edited: boolean;
}

/** FulfillmentOrderStatus. */
export type FoStatus = 'OPEN' | 'IN_PROGRESS' | 'SCHEDULED' | 'ON_HOLD' | 'INCOMPLETE' | 'CLOSED' | 'CANCELLED';
/** FulfillmentOrderRequestStatus. */
export type FoRequestStatus =
  | 'UNSUBMITTED'
  | 'SUBMITTED'
  | 'ACCEPTED'
  | 'REJECTED'
  | 'CANCELLATION_REQUESTED'
  | 'CANCELLATION_ACCEPTED'
  | 'CANCELLATION_REJECTED'
  | 'CLOSED';

/** A line of a fulfillment order. */
export interface SimFoLineItem {
  id: number;
  lineItemId: number;
  totalQuantity: number;
  remainingQuantity: number;
}

/** A fulfillment hold. */
export interface SimFulfillmentHold {
  id: number;
  handle: string;
  reason: string;
  reasonNotes: string | null;
  heldByApp: boolean;
}

/** A fulfillment or cancellation request sent to a fulfillment service. */
export interface SimMerchantRequest {
  id: number;
  kind: 'FULFILLMENT_REQUEST' | 'CANCELLATION_REQUEST';
  message: string | null;
  requestOptions: { notify_customer: boolean } | null;
  responseData: { message: string | null; reason?: string | null } | null;
  sentAt: number;
}

/** A fulfillment order: the work for one location. */
export interface SimFulfillmentOrder {
  id: number;
  orderId: number;
  assignedLocationId: number;
  status: FoStatus;
  requestStatus: FoRequestStatus;
  lineItems: SimFoLineItem[];
  holds: SimFulfillmentHold[];
  /** Status before the first hold, restored when the last hold is released. */
  statusBeforeHold: FoStatus | null;
  merchantRequests: SimMerchantRequest[];
  fulfillAt: number | null;
  destinationId: number;
  deliveryMethodId: number;
  createdAt: number;
  updatedAt: number;
}

/** A line of a fulfillment. */
export interface SimFulfillmentLineItem {
  id: number;
  lineItemId: number;
  fulfillmentOrderLineItemId: number;
  quantity: number;
}

/** A carrier event on a fulfillment. */
export interface SimFulfillmentEvent {
  id: number;
  status: string;
  message: string | null;
  happenedAt: number;
  createdAt: number;
  city: string | null;
  province: string | null;
  country: string | null;
  zip: string | null;
  address1: string | null;
  latitude: number | null;
  longitude: number | null;
  estimatedDeliveryAt: number | null;
}

/** Tracking of a fulfillment. */
export interface SimTracking {
  company: string | null;
  number: string | null;
  url: string | null;
}

/** A fulfillment: shipped units with tracking. */
export interface SimFulfillment {
  id: number;
  orderId: number;
  locationId: number;
  name: string;
  status: 'SUCCESS' | 'CANCELLED' | 'ERROR' | 'FAILURE';
  displayStatus: string;
  shipmentStatus: string | null;
  tracking: SimTracking[];
  lineItems: SimFulfillmentLineItem[];
  fulfillmentOrderIds: number[];
  events: SimFulfillmentEvent[];
  notifyCustomer: boolean;
  inTransitAt: number | null;
  deliveredAt: number | null;
  estimatedDeliveryAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A line of a return. */
export interface SimReturnLineItem {
  id: number;
  fulfillmentLineItemId: number;
  lineItemId: number;
  quantity: number;
  processedQuantity: number;
  customerNote: string | null;
  returnReasonNote: string;
}

/** A return. */
export interface SimReturn {
  id: number;
  orderId: number;
  name: string;
  status: 'REQUESTED' | 'OPEN' | 'DECLINED' | 'CANCELED' | 'CLOSED';
  lineItems: SimReturnLineItem[];
  decline: { reason: string; note: string | null } | null;
  reverseFulfillmentOrderIds: number[];
  createdAt: number;
  requestApprovedAt: number | null;
  closedAt: number | null;
  updatedAt: number;
}

/** A disposition of returned units. */
export interface SimDisposition {
  id: number;
  type: 'RESTOCKED' | 'NOT_RESTOCKED' | 'PROCESSING_REQUIRED' | 'MISSING';
  quantity: number;
  locationId: number | null;
  createdAt: number;
}

/** A line of a reverse fulfillment order. */
export interface SimRfoLineItem {
  id: number;
  returnLineItemId: number;
  fulfillmentLineItemId: number;
  totalQuantity: number;
  dispositions: SimDisposition[];
}

/** The returned units to be processed at one location. */
export interface SimReverseFulfillmentOrder {
  id: number;
  returnId: number;
  orderId: number;
  status: 'OPEN' | 'CLOSED' | 'CANCELED';
  lineItems: SimRfoLineItem[];
}

/** A bulk query operation and its JSONL result. */
export interface SimBulkOperation {
  id: number;
  query: string;
  groupObjects: boolean;
  status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELING' | 'CANCELED' | 'EXPIRED';
  errorCode: 'ACCESS_DENIED' | 'INTERNAL_SERVER_ERROR' | 'TIMEOUT' | null;
  objectCount: number;
  rootObjectCount: number;
  jsonl: string | null;
  createdAt: number;
  completedAt: number | null;
}

/** One change inside an inventory adjustment group. */
export interface SimInventoryChange {
  name: string;
  delta: number;
  quantityAfterChange: number | null;
  inventoryItemId: number;
  locationId: number;
  ledgerDocumentUri: string | null;
}

/** The record of one inventory mutation. */
export interface SimAdjustmentGroup {
  id: number;
  reason: string;
  referenceDocumentUri: string | null;
  changes: SimInventoryChange[];
  createdAt: number;
}

/** A stored idempotent mutation result. */
export interface SimIdempotencyEntry {
  fingerprint: string;
  result: unknown;
}

/** The leaky bucket of one app–shop pair. */
export interface SimBucket {
  maximumAvailable: number;
  restoreRate: number;
  currentlyAvailable: number;
  updatedAtMs: number;
}

/** Everything the simulator knows about one shop. */
export interface SimShop {
  id: number;
  domain: string;
  name: string;
  email: string;
  plan: PlanName;
  currency: string;
  locale: string;
  timezone: string;
  address: SimAddress;
  /** VAT rate included in prices (0.2 in France); 0 for none. */
  taxRate: number;
  createdAt: number;
  installed: boolean;
  /** Ranking Shopify's default routing uses among merchant-managed locations (location ids, best first). */
  locationRanking: number[];
  nextOrderNumber: number;
  nextReturnNumber: number;
  products: Map<number, SimProduct>;
  variants: Map<number, SimVariant>;
  inventoryItems: Map<number, SimInventoryItem>;
  locations: Map<number, SimLocation>;
  /** Key: `${inventoryItemId}:${locationId}`. */
  levels: Map<string, SimInventoryLevel>;
  fulfillmentServices: Map<number, SimFulfillmentService>;
  customers: Map<number, SimCustomer>;
  orders: Map<number, SimOrder>;
  fulfillmentOrders: Map<number, SimFulfillmentOrder>;
  fulfillments: Map<number, SimFulfillment>;
  returns: Map<number, SimReturn>;
  reverseFulfillmentOrders: Map<number, SimReverseFulfillmentOrder>;
  bulkOperations: Map<number, SimBulkOperation>;
  adjustmentGroups: Map<number, SimAdjustmentGroup>;
  idempotency: Map<string, SimIdempotencyEntry>;
  bucket: SimBucket;
}
