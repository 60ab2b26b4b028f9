import type { DelayReason } from '../../../drizzle/schema/customers.js';

/** How the shop looks in what it sends: from its settings. */
export interface Brand {
  shopName: string;
  logoUrl: string | null;
  /** #rrggbb */
  color: string;
  timezone: string;
}

/** What a shipment e-mail says; fixed when the outbox row is written. */
export interface ShipmentEmailData {
  orderName: string;
  customerName: string | null;
  items: { title: string; quantity: number }[];
  carrier: string | null;
  trackingNumbers: string[];
  carrierUrl: string | null;
  trackingPageUrl: string;
  /** ISO date-times */
  shippedAt: string;
  promisedDeliveryBy: string | null;
  /** other items of the order ship separately */
  partial: boolean;
  delayReason?: DelayReason;
}

/** The merchant's daily stock digest. */
export interface StockDigestData {
  /** the shop's local date, YYYY-MM-DD */
  date: string;
  openAlerts: number;
  items: {
    sku: string;
    title: string;
    severity: string;
    onHand: number;
    reorderPoint: number | null;
    daysOfCover: number | null;
  }[];
  adminUrl: string;
}

/** What a return e-mail says; fixed when the outbox row is written. */
export interface ReturnEmailData {
  orderName: string;
  customerName: string | null;
  rma: string;
  items: { title: string; quantity: number }[];
  trackingPageUrl: string;
  /** approved: the printable slip with the RMA barcode, and where the parcel goes */
  slipUrl: string | null;
  returnAddress: string[] | null;
  /** the merchant's prepaid label, when there is one */
  labelUrl: string | null;
  /** declined: the merchant's reason and note */
  declineReason: 'final_sale' | 'window_ended' | 'other' | null;
  declineNote: string | null;
  /** refunded: the amount, as a decimal string, and its currency */
  refundAmount: string | null;
  currency: string | null;
  /**
   * refunded: how far the parcel had come when the money went back: graded (the usual case),
   * received but not all checked yet (refund on receipt), or not received at all (refunded by
   * the merchant in Shopify first). Absent means graded.
   */
  refundStage?: 'graded' | 'received' | 'before_receipt';
}
