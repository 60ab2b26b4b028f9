import type { Address } from '../address.js';

/** One order line as the channel reports it. */
export interface IncomingOrderLine {
  externalId: string;
  sku: string | null;
  variantExternalId: string | null;
  title: string;
  /** ordered, including removed and refunded units */
  quantity: number;
  /** still part of the order after edits and refunds */
  currentQuantity: number;
  unitPrice: string;
  requiresShipping: boolean;
}

/**
 * An order version from any channel (Shopify webhook or query, marketplace poll),
 * normalised so one repository stores them all. `updatedAt` orders the versions.
 */
export interface IncomingOrder {
  channel: string;
  externalId: string;
  name: string;
  email: string | null;
  customerExternalId: string | null;
  /** the language the customer bought in (BCP 47, e.g. "fr-FR"); customer e-mails and the tracking page speak it */
  customerLocale?: string | null;
  financialStatus: string | null;
  currency: string;
  totalPrice: string;
  tags: string[];
  shippingAddress: Address | null;
  /** the shipping rate chosen at checkout (its code and title); routing reads its service level from it */
  shippingRate?: { code: string | null; title: string | null } | null;
  /** the delivery date promised at checkout (`YYYY-MM-DD`), when the checkout recorded one */
  deliverBy?: string | null;
  placedAt: Date;
  updatedAt: Date;
  /** when this version was observed (the event's trigger time, or the read time); breaks updatedAt ties */
  observedAt?: Date | null;
  cancelledAt: Date | null;
  /** the channel already shipped it (history, or fulfilled outside the app) */
  fulfilled: boolean;
  lines: IncomingOrderLine[];
}

/** Channels that are marketplaces: their orders are never substituted and follow their own SLAs. */
export function isMarketplace(channel: string): boolean {
  return channel !== 'shopify';
}
