import type { SimAddress } from './catalog-types.js';

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
  /** the language the customer bought in (checkout locale); the shop's when absent */
  customerLocale?: string;
  shippingAddress: SimAddress;
  billingAddress: SimAddress;
  lineItems: SimLineItem[];
  shippingLines: SimShippingLine[];
  tags: string[];
  note: string | null;
  /** Cart attributes the checkout left on the order (REST note_attributes, GraphQL customAttributes). */
  noteAttributes?: { name: string; value: string }[];
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
  /** money sent back, through returnProcess; absent until the first refund */
  refunds?: SimRefund[];
}

/** A refund issued on an order. */
export interface SimRefund {
  id: number;
  returnId: number | null;
  amountCents: number;
  parentTransactionId: number;
  createdAt: number;
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
  /** units refunded through returnProcess */
  refundedQuantity?: number;
}

/** New units the customer gets instead of money (returnCreate's exchangeLineItems). */
export interface SimExchangeLineItem {
  id: number;
  variantId: number;
  quantity: number;
  processedQuantity: number;
  /** order line items returnProcess added for the processed units */
  lineItemIds: number[];
}

/** A return. */
export interface SimReturn {
  id: number;
  orderId: number;
  name: string;
  status: 'REQUESTED' | 'OPEN' | 'DECLINED' | 'CANCELED' | 'CLOSED';
  lineItems: SimReturnLineItem[];
  exchangeLineItems: SimExchangeLineItem[];
  decline: { reason: string; note: string | null } | null;
  /** the mutations that asked Shopify to e-mail the customer (notifyCustomer: true) */
  customerNotified: ('approve' | 'decline' | 'process')[];
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
  reverseDeliveries?: SimReverseDelivery[];
}

/** A return parcel the merchant labelled: its tracking and label file. */
export interface SimReverseDelivery {
  id: number;
  lines: { id: number; rfoLineItemId: number; quantity: number }[];
  tracking: { number: string | null; url: string | null; carrierName: string | null } | null;
  labelUrl: string | null;
  createdAt: number;
}
