/** Shopify plans that set the default GraphQL throttle of a shop. */
export type PlanName = 'standard' | 'advanced' | 'plus' | 'enterprise';

/** Quantity names an inventory level stores; `on_hand` is derived from them. */
export const STORED_QUANTITY_NAMES = [
  'available',
  'committed',
  'incoming',
  'reserved',
  'damaged',
  'safety_stock',
  'quality_control',
] as const;
/** A stored quantity name. */
export type StoredQuantityName = (typeof STORED_QUANTITY_NAMES)[number];
/** Every quantity name the Admin API answers for. */
export const QUANTITY_NAMES = [
  'available',
  'on_hand',
  'committed',
  'incoming',
  'reserved',
  'damaged',
  'safety_stock',
  'quality_control',
] as const;
/** A quantity name as Shopify spells it. */
export type QuantityName = (typeof QUANTITY_NAMES)[number];

export type {
  SimAddress,
  SimProduct,
  SimVariant,
  SimInventoryItem,
  SimLocation,
  SimInventoryLevel,
  SimFulfillmentService,
  SimCustomer,
} from './catalog-types.js';
export type {
  SimLineItem,
  SimShippingLine,
  FinancialStatus,
  SimOrder,
  FoStatus,
  FoRequestStatus,
  SimFoLineItem,
  SimFulfillmentHold,
  SimMerchantRequest,
  SimFulfillmentOrder,
  SimFulfillmentLineItem,
  SimFulfillmentEvent,
  SimTracking,
  SimFulfillment,
  SimReturnLineItem,
  SimExchangeLineItem,
  SimReturn,
  SimDisposition,
  SimRfoLineItem,
  SimReverseFulfillmentOrder,
  SimReverseDelivery,
  SimRefund,
} from './order-types.js';
import type {
  SimAddress,
  SimProduct,
  SimVariant,
  SimInventoryItem,
  SimLocation,
  SimInventoryLevel,
  SimFulfillmentService,
  SimCustomer,
} from './catalog-types.js';
import type {
  SimOrder,
  SimFulfillmentOrder,
  SimFulfillment,
  SimReturn,
  SimReverseFulfillmentOrder,
} from './order-types.js';

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
