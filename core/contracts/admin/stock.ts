import { z } from 'zod';
import { dateTime, isoDate } from './common.js';

export const alertKinds = [
  'below_reorder_point',
  'stockout_within_lead_time',
  'out_of_stock_with_backorders',
  'overstock',
  'dead_stock',
] as const;
/** What a stock alert is about. */
export type AlertKind = (typeof alertKinds)[number];
export const alertStatuses = ['open', 'snoozed', 'resolved'] as const;
/** The alert statuses the Alerts page has a tab for. */
export type AlertStatus = (typeof alertStatuses)[number];
/** How urgent an alert is. */
export type AlertSeverity = 'info' | 'warning' | 'critical';
export const movementReasons = [
  'received',
  'shipped',
  'returned',
  'adjusted',
  'snapshot_correction',
  'damaged',
  'initial',
] as const;
/** Why a ledger movement changed on-hand stock. */
export type MovementReason = (typeof movementReasons)[number];
export const stockStatuses = ['out_of_stock', 'below_reorder_point', 'overstock', 'ok'] as const;
/** The stock statuses the Stock list filters on. */
export type StockStatus = Exclude<(typeof stockStatuses)[number], 'ok'>;

/** GET /stock and /stock.csv filters. */
export const stockFilterQuery = z.object({
  q: z.string().max(100).optional(),
  abc: z.enum(['A', 'B', 'C']).optional(),
  status: z.enum(stockStatuses).optional(),
  warehouse: z.coerce.number().int().positive().optional(),
  supplier: z.string().max(100).optional(),
});
export type StockFilterQuery = z.infer<typeof stockFilterQuery>;
/** GET /stock: filters and keyset pagination on the SKU id. */
export const stockQuery = stockFilterQuery.extend({
  after: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type StockQuery = z.infer<typeof stockQuery>;

/** Stock of a SKU in one warehouse. */
export const stockLevel = z.object({
  warehouseId: z.number().int(),
  warehouse: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
});
export type StockLevel = z.infer<typeof stockLevel>;

/**
 * One SKU's stock in one warehouse as a row of GET /stock carries it: [warehouseId, onHand,
 * reserved]. Available is onHand − reserved; the warehouse's name comes from GET /warehouses.
 */
export const stockRowLevel = z.tuple([z.number().int(), z.number().int(), z.number().int()]);
export type StockRowLevel = z.infer<typeof stockRowLevel>;

/**
 * One row of GET /stock: what the Stock table shows and no more (a page of them is a few kilobytes
 * of JSON); the SKU page (GET /skus/{id}) carries the rest. Decimals are rounded to 3 places.
 */
export const stockItem = z.object({
  id: z.number().int(),
  sku: z.string(),
  title: z.string(),
  abcClass: z.string().nullable(),
  /** the warehouses holding a level of the SKU */
  levels: z.array(stockRowLevel),
  /** null until replenishment has run for the SKU */
  meanDaily: z.number().nullable(),
  daysOfCover: z.number().nullable(),
  projectedStockout: z.string().nullable(),
  reorderPoint: z.number().nullable(),
  /** the kinds of the SKU's open alerts */
  alerts: z.array(z.enum(alertKinds)),
  /**
   * What each channel of the page's `channels` may sell now, in the same order: free units minus
   * the channel's buffer, as the stock pushes compute it (Shopify per linked location)
   */
  channels: z.array(z.number().int()),
});
export type StockItem = z.infer<typeof stockItem>;
/** A channel the shop sells on: Shopify, then each active marketplace account. */
export const sellingChannel = z.object({
  /** `shopify`, or the marketplace account's code */
  channel: z.string(),
  name: z.string(),
  /** `shopify`, `mirakl` or `amazon` */
  kind: z.string(),
});
export type SellingChannel = z.infer<typeof sellingChannel>;
/** GET /stock: a page of SKUs, and the channels their `channels` figures follow */
export const stockPage = z.object({
  items: z.array(stockItem),
  channels: z.array(sellingChannel),
  nextAfter: z.number().int().nullable(),
});
export type StockPage = z.infer<typeof stockPage>;

/** A stock alert: its message, the formula with numbers filled in, and the inputs behind it. */
export const stockAlert = z.object({
  id: z.number().int(),
  skuId: z.number().int(),
  kind: z.enum(alertKinds),
  severity: z.string(),
  status: z.enum(alertStatuses),
  message: z.string(),
  formula: z.string(),
  inputs: z.record(z.string(), z.unknown()),
  snoozedUntil: dateTime.nullable(),
  resolvedAt: dateTime.nullable(),
  resolvedBy: z.string().nullable(),
  createdAt: dateTime,
  updatedAt: dateTime,
});
export type StockAlert = z.infer<typeof stockAlert>;
/** One alert of GET /alerts, with its SKU. */
export const alertRow = stockAlert.extend({ sku: z.string(), title: z.string() });
export type AlertRow = z.infer<typeof alertRow>;

/** GET /alerts */
export const alertsQuery = z.object({ status: z.enum(alertStatuses).default('open') });
export type AlertsQuery = z.infer<typeof alertsQuery>;
/** GET /alerts: the alerts of one status, grouped by kind. */
export const alertsResponse = z.object({
  groups: z.array(z.object({ kind: z.enum(alertKinds), items: z.array(alertRow) })),
  total: z.number().int(),
});
export type AlertsResponse = z.infer<typeof alertsResponse>;
/** POST /alerts/:id/snooze */
export const snoozeBody = z.object({ days: z.number().int().min(1).max(90) });
export type SnoozeBody = z.infer<typeof snoozeBody>;

/** The SKU as stored, with what purchasing set on it. */
export const sku = z.object({
  id: z.number().int(),
  sku: z.string(),
  title: z.string(),
  productExternalId: z.string().nullable(),
  variantExternalId: z.string().nullable(),
  inventoryItemExternalId: z.string().nullable(),
  price: z.string(),
  unitCost: z.string().nullable(),
  supplier: z.string().nullable(),
  packSize: z.number().int(),
  moq: z.number().int(),
  leadTimeDays: z.number().int().nullable(),
  leadTimeStdDays: z.number().nullable(),
  createdAt: dateTime,
  updatedAt: dateTime,
});
export type Sku = z.infer<typeof sku>;

/** The replenishment numbers of a SKU as the last run computed them, with their inputs. */
export const replenishment = z.object({
  asOf: isoDate,
  windowDays: z.number().int(),
  meanDaily: z.number(),
  stdDaily: z.number(),
  z: z.number(),
  leadTimeDays: z.number(),
  leadTimeStdDays: z.number().nullable(),
  safetyStock: z.number(),
  reorderPoint: z.number(),
  eoqRaw: z.number().nullable(),
  eoq: z.number().int(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  backorders: z.number().int(),
  daysOfCover: z.number().nullable(),
  projectedStockout: isoDate.nullable(),
  revenueAtRiskPerDay: z.number(),
  suggestedOrderQuantity: z.number().int(),
  abcClass: z.string(),
  revenue: z.number(),
  lastSale: isoDate.nullable(),
  computedAt: dateTime,
});
export type Replenishment = z.infer<typeof replenishment>;

/** GET /skus/:id */
export const skuDetailQuery = z.object({ days: z.coerce.number().int().min(7).max(365).default(90) });
export type SkuDetailQuery = z.infer<typeof skuDetailQuery>;
/** GET /skus/:id: the SKU, its numbers (null before the first run), demand, ledger, levels and alerts. */
export const skuDetail = z.object({
  sku,
  replenishment: replenishment.nullable(),
  demand: z.array(z.object({ day: isoDate, units: z.number().int(), revenue: z.string() })),
  ledger: z.array(
    z.object({
      id: z.number().int(),
      warehouse: z.string(),
      delta: z.number().int(),
      reason: z.enum(movementReasons),
      reference: z.string(),
      at: dateTime,
    }),
  ),
  levels: z.array(stockLevel),
  alerts: z.array(stockAlert),
  /** what each channel may sell now (free units minus its buffer) and what it was last told */
  channels: z.array(
    z.object({
      channel: z.string(),
      name: z.string(),
      kind: z.string(),
      buffer: z.number().int(),
      sellable: z.number().int(),
      lastPushed: z.number().int().nullable(),
      lastPushedAt: dateTime.nullable(),
    }),
  ),
});
export type SkuDetail = z.infer<typeof skuDetail>;

/** PATCH /skus/:id */
export const skuPurchasingInput = z
  .object({
    supplier: z.string().max(100).nullable(),
    leadTimeDays: z.number().int().min(0).max(365).nullable(),
    leadTimeStdDays: z.number().min(0).max(100).nullable(),
    packSize: z.number().int().min(1).max(100_000),
    moq: z.number().int().min(0).max(1_000_000),
  })
  .partial()
  .strict();
export type SkuPurchasingInput = z.infer<typeof skuPurchasingInput>;

/** A line of a suggested purchase order, with the id of its SKU's page (null when the SKU is gone). */
export const purchaseOrderLine = z.object({
  sku: z.string(),
  title: z.string().nullable(),
  quantity: z.number().int(),
  packSize: z.number().int(),
  packs: z.number().int(),
  unitCost: z.number().nullable(),
  lineCost: z.number().nullable(),
  inventoryPosition: z.number(),
  reorderPoint: z.number(),
  eoq: z.number().nullable(),
  skuId: z.number().int().nullable(),
});
export type PurchaseOrderLineRow = z.infer<typeof purchaseOrderLine>;
/** A suggested purchase order to one supplier for one destination warehouse. */
export const purchaseOrder = z.object({
  supplier: z.string().nullable(),
  warehouse: z.string().nullable(),
  lines: z.array(purchaseOrderLine),
  totalUnits: z.number().int(),
  /** null when any line has no unit cost */
  totalCost: z.number().nullable(),
});
export type PurchaseOrder = z.infer<typeof purchaseOrder>;
/** GET /purchase-orders */
export const purchaseOrdersResponse = z.object({ orders: z.array(purchaseOrder) });
export type PurchaseOrdersResponse = z.infer<typeof purchaseOrdersResponse>;

/** One supplier named on the shop's SKUs, with how many SKUs name it. */
export const supplierItem = z.object({ supplier: z.string(), skus: z.number().int() });
export type SupplierItem = z.infer<typeof supplierItem>;
/** GET /suppliers */
export const suppliersResponse = z.object({ items: z.array(supplierItem) });
export type SuppliersResponse = z.infer<typeof suppliersResponse>;

/** How much a channel keeps back from what it sells. */
export const channelBuffer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), units: z.number().int().min(0).max(100_000) }),
  z.object({ kind: z.literal('percent'), percent: z.number().min(0).max(100) }),
  z.object({ kind: z.literal('lag_velocity'), minUnits: z.number().int().min(0).max(100_000) }),
]);
export type ChannelBuffer = z.infer<typeof channelBuffer>;

/** The merchant's replenishment and stock-sync settings (PUT /stock-settings takes them whole). */
export const stockSettings = z
  .object({
    serviceLevel: z.number().min(0.5).max(0.9999),
    defaultLeadTimeDays: z.number().min(0).max(365),
    supplierLeadTimes: z.record(
      z.string().min(1).max(100),
      z.object({ days: z.number().min(0).max(365), stdDays: z.number().min(0).max(100).nullish() }),
    ),
    orderCost: z.number().min(0).max(100_000),
    holdingRatePerYear: z.number().min(0).max(5),
    demandWindowDays: z.number().int().min(7).max(365),
    overstockDays: z.number().int().min(1).max(3650),
    deadStockDays: z.number().int().min(1).max(3650),
    abcCutoffs: z
      .object({ a: z.number().gt(0).lt(1), b: z.number().gt(0).lt(1) })
      .refine((c) => c.a + c.b < 1, 'A + B must stay below 100%'),
    buffers: z.record(z.string(), channelBuffer),
    dailyDigest: z.boolean(),
    digestEmail: z.email().nullable(),
  })
  .strict();
export type StockSettings = z.infer<typeof stockSettings>;

/** GET and PUT /stock-settings: the settings and the measured sync lag per channel, in seconds. */
export const stockSettingsResponse = z.object({
  settings: z.object({
    serviceLevel: z.number(),
    defaultLeadTimeDays: z.number(),
    supplierLeadTimes: z.record(z.string(), z.object({ days: z.number(), stdDays: z.number().nullish() })),
    orderCost: z.number(),
    holdingRatePerYear: z.number(),
    demandWindowDays: z.number().int(),
    overstockDays: z.number().int(),
    deadStockDays: z.number().int(),
    abcCutoffs: z.object({ a: z.number(), b: z.number() }),
    buffers: z.record(
      z.string(),
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('fixed'), units: z.number() }),
        z.object({ kind: z.literal('percent'), percent: z.number() }),
        z.object({ kind: z.literal('lag_velocity'), minUnits: z.number() }),
      ]),
    ),
    dailyDigest: z.boolean(),
    digestEmail: z.string().nullable(),
  }),
  measuredLag: z.record(z.string(), z.number()),
});
export type StockSettingsResponse = z.infer<typeof stockSettingsResponse>;

/** Inventory accuracy of one warehouse over 30 days: how much the 3PL's counts corrected the ledger. */
export const warehouseAccuracy = z.object({
  id: z.number().int(),
  name: z.string(),
  correctedUnits: z.number().int(),
  onHand: z.number().int(),
  /** 1 − corrected / (on hand + corrected); null when the warehouse holds nothing */
  accuracy: z.number().nullable(),
});
export type WarehouseAccuracy = z.infer<typeof warehouseAccuracy>;
/** GET /stock/accuracy */
export const accuracyResponse = z.object({ warehouses: z.array(warehouseAccuracy) });
export type AccuracyResponse = z.infer<typeof accuracyResponse>;
