/**
 * Plain data the routing engine reads. Shapes follow drizzle/schema (warehouses, orders)
 * so a repository maps rows onto them field by field.
 */

/** A sales channel code; anything other than `shopify` is a marketplace. */
export type RoutingChannel = 'shopify' | 'amazon' | 'ebay' | 'mirakl' | (string & {});

/** Where an order goes. Coordinates are optional: without them proximity falls back to zone rank. */
export interface RoutingAddress {
  /** ISO 3166-1 alpha-2, e.g. `FR`. */
  countryCode: string;
  postalCode: string;
  latitude?: number | null;
  longitude?: number | null;
}

/** One order line as the router sees it. */
export interface RoutingOrderLine {
  lineId: string;
  sku: string;
  quantity: number;
  /** Unit price in the shop currency; used for the minimum value of a split part. */
  unitPrice: number;
}

/** The order to route. `placedAt` is an ISO-8601 instant. */
export interface RoutingOrder {
  id: string;
  channel: RoutingChannel;
  placedAt: string;
  shippingAddress: RoutingAddress;
  lines: RoutingOrderLine[];
  /** Service level code asked for at checkout; the first level serving the zone when absent. */
  serviceLevel?: string | null;
  /** Delivery date promised at checkout (`YYYY-MM-DD`); the promise rule ranks against it. */
  deliverBy?: string | null;
  /** The buyer accepted equivalent products (only read when the substitution rule requires consent). */
  allowSubstitution?: boolean | null;
}

/** A zone is a set of countries, optionally narrowed to postal-code prefixes (as in drizzle/schema/warehouses). */
export interface RoutingZone {
  code: string;
  countries: string[];
  postalPrefixes?: string[];
}

/** A service level with its transit days per zone code (as in drizzle/schema/warehouses). */
export interface RoutingServiceLevel {
  code: string;
  name: string;
  transitDays: Record<string, number>;
}

/**
 * The calendar and place of a warehouse: enough to compute a promise.
 * `workingDays` are ISO weekdays (1 = Monday … 7 = Sunday); `holidays` are local `YYYY-MM-DD` dates.
 */
export interface WarehouseCalendar {
  timeZone: string;
  /** Local cut-off `HH:MM`: an order seen before it ships the same working day. */
  cutoffTime: string;
  workingDays: number[];
  holidays: string[];
  /** ISO weekdays the carrier delivers on; Monday to Friday when absent. */
  deliveryDays?: number[];
}

/** A warehouse that might ship the order, with its stock for the order's SKUs. */
export interface RoutingWarehouse extends WarehouseCalendar {
  id: string;
  name: string;
  /** ISO country of the warehouse; used by market-aware callers (the Shopify reference). */
  countryCode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  /** Ordered nearest first: the index is the zone rank used when distances are unknown. */
  zones: RoutingZone[];
  serviceLevels: RoutingServiceLevel[];
  /** Cost per shipment per zone code, in the shop currency. */
  costs: Record<string, number>;
  /** Shipments per shipping day; `null` means unlimited. */
  dailyCapacity?: number | null;
  /** Shipments already allocated for the warehouse's current shipping day. */
  usedToday: number;
  /** Lower is preferred (Shopify's ranked-locations convention). */
  priority: number;
  /** Available units per SKU (on hand − reserved). Missing SKUs have none. */
  stock: Record<string, number>;
}

/** When a warehouse would ship and deliver. Dates are local `YYYY-MM-DD`. */
export interface DeliveryPromise {
  serviceLevel: string;
  zone: string;
  /** The local date the parcel leaves the warehouse. */
  shipDate: string;
  /** True when `shipDate` is the local date of `now`. */
  shipsToday: boolean;
  /** The instant of the cut-off on `shipDate` (ISO-8601, UTC): the latest moment to hand the order over. */
  shipBy: string;
  transitDays: number;
  /** The date the parcel is expected at the customer. */
  deliverBy: string;
}

/** One line (or part of one) inside a shipment. */
export interface AllocatedLine {
  lineId: string;
  /** The SKU that ships: the ordered one, or its substitute. */
  sku: string;
  quantity: number;
  /** The ordered SKU when `sku` is a substitute. */
  substitutedFor?: string;
}

/** One shipment: a warehouse, what it ships, when, and at what cost. */
export interface Allocation {
  warehouseId: string;
  warehouseName: string;
  lines: AllocatedLine[];
  promise: DeliveryPromise;
  /** Null when the warehouse has no cost for the zone. */
  cost: number | null;
  /** Great-circle km to the customer when both ends have coordinates. */
  distanceKm: number | null;
}

/** What happens to the part of a line that nothing can ship now. */
export type BackorderOutcome = { kind: 'hold' } | { kind: 'partial' } | { kind: 'cancel_at'; cancelAt: string };

/** The quantity of a line not allocated, and the policy applied to it. */
export interface Backorder {
  lineId: string;
  sku: string;
  quantity: number;
  outcome: BackorderOutcome;
}

/** One substitution made by the plan. */
export interface Substitution {
  lineId: string;
  originalSku: string;
  substituteSku: string;
  quantity: number;
  warehouseId: string;
}
