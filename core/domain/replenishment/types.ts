/** A calendar day as `YYYY-MM-DD` (the shop's business day, decided by the caller). */
export type IsoDate = string;

/** Units sold and revenue earned for one SKU on one day. */
export interface DemandDay {
  date: IsoDate;
  units: number;
  revenue: number;
}

/** A/B/C class by revenue share. */
export type AbcClass = 'A' | 'B' | 'C';

/** Stock facts for one SKU (in one warehouse, or summed over the warehouses that serve it). */
export interface StockPosition {
  onHand: number;
  reserved: number;
  /** Units on open purchase orders, not yet received. */
  onOrder?: number;
  /** Ordered units we could not allocate and still owe customers. */
  backorders?: number;
}
