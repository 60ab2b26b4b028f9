import type { AlertKind, StockSettings, ChannelBuffer } from '../../../drizzle/schema/replenishment.js';
import type { stockAlerts } from '../../../drizzle/schema/replenishment.js';
import type { MovementReason } from '../../../drizzle/schema/stock.js';
import type { createStockQueries } from '../../../core/db/stock-queries.js';
import type { SuggestedPurchaseOrder, PurchaseOrderLine } from '../../../core/domain/replenishment/purchase-orders.js';
import type { Jsonified } from './types.js';

export type { AlertKind, StockSettings, ChannelBuffer, MovementReason, SuggestedPurchaseOrder, PurchaseOrderLine };

type StockQueries = ReturnType<typeof createStockQueries>;

/** The alert statuses the Alerts page has a tab for. */
export type AlertStatus = 'open' | 'snoozed' | 'resolved';
/** How urgent an alert is. */
export type AlertSeverity = 'info' | 'warning' | 'critical';
/** The stock statuses the Stock list filters on. */
export type StockStatus = 'out_of_stock' | 'below_reorder_point' | 'overstock';

/** One row of GET /stock: a SKU with its levels per warehouse and its replenishment numbers. */
export type StockItem = Jsonified<Awaited<ReturnType<StockQueries['list']>>['items'][number]>;
/** GET /stock */
export interface StockPage {
  items: StockItem[];
  nextAfter: number | null;
}

/** Inventory accuracy of one warehouse over 30 days: how much the 3PL's counts corrected the ledger. */
export interface WarehouseAccuracy {
  id: number;
  name: string;
  correctedUnits: number;
  onHand: number;
  /** 1 − corrected / (on hand + corrected); null when the warehouse holds nothing */
  accuracy: number | null;
}
/** GET /stock/accuracy */
export interface AccuracyResponse {
  warehouses: WarehouseAccuracy[];
}

/** A stock alert as stored: its message, the formula with numbers filled in, and the inputs behind it. */
export type StockAlert = Omit<Jsonified<typeof stockAlerts.$inferSelect>, 'inputs' | 'severity'> & { inputs: Record<string, unknown>; severity: AlertSeverity | string };
/** One alert of GET /alerts, with its SKU. */
export type AlertRow = StockAlert & { sku: string; title: string };
/** GET /alerts */
export interface AlertsResponse {
  groups: { kind: AlertKind; items: AlertRow[] }[];
  total: number;
}

type SkuDetailData = NonNullable<Awaited<ReturnType<StockQueries['skuDetail']>>>;
/** GET /skus/:id */
export type SkuDetail = Omit<Jsonified<SkuDetailData>, 'alerts'> & { alerts: StockAlert[] };
/** The SKU as stored, with what purchasing set on it. */
export type Sku = SkuDetail['sku'];
/** The SKU's last replenishment numbers, or null before the first run. */
export type Replenishment = SkuDetail['replenishment'];
/** PATCH /skus/:id */
export interface SkuPurchasingInput {
  supplier?: string | null;
  leadTimeDays?: number | null;
  leadTimeStdDays?: number | null;
  packSize?: number;
  moq?: number;
}

/** A line of a suggested purchase order, with the id of its SKU's page (null when the SKU is gone). */
export type PurchaseOrderLineRow = PurchaseOrderLine & { skuId: number | null };
/** A suggested purchase order as the admin API returns it. */
export type PurchaseOrder = Omit<SuggestedPurchaseOrder, 'lines'> & { lines: PurchaseOrderLineRow[] };
/** GET /purchase-orders */
export interface PurchaseOrdersResponse {
  orders: PurchaseOrder[];
}

/** GET and PUT /stock-settings: the settings and the measured sync lag per channel, in seconds. */
export interface StockSettingsResponse {
  settings: StockSettings;
  measuredLag: Record<string, number>;
}

/** One supplier named on the shop's SKUs, with how many SKUs name it. */
export interface SupplierItem {
  supplier: string;
  skus: number;
}
/** GET /suppliers */
export interface SuppliersResponse {
  items: SupplierItem[];
}

/** GET /channels: the sales channels the shop has orders from. */
export interface ChannelsResponse {
  items: { channel: string; orders: number }[];
}
