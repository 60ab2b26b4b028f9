import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import { skus } from './catalog.js';
import { shops } from './shops.js';
import { warehouses } from './warehouses.js';

/** How much a channel keeps back from what it sells. */
export type ChannelBuffer =
  { kind: 'fixed'; units: number } | { kind: 'percent'; percent: number } | { kind: 'lag_velocity'; minUnits: number };

/** The merchant's replenishment and stock-sync settings. */
export interface StockSettings {
  serviceLevel: number;
  defaultLeadTimeDays: number;
  supplierLeadTimes: Record<string, { days: number; stdDays?: number | null }>;
  orderCost: number;
  holdingRatePerYear: number;
  demandWindowDays: number;
  overstockDays: number;
  deadStockDays: number;
  abcCutoffs: { a: number; b: number };
  buffers: Record<string, ChannelBuffer>;
  dailyDigest: boolean;
  digestEmail: string | null;
}

export const defaultStockSettings: StockSettings = {
  serviceLevel: 0.95,
  defaultLeadTimeDays: 14,
  supplierLeadTimes: {},
  orderCost: 50,
  holdingRatePerYear: 0.25,
  demandWindowDays: 90,
  overstockDays: 180,
  deadStockDays: 90,
  abcCutoffs: { a: 0.8, b: 0.15 },
  buffers: { shopify: { kind: 'fixed', units: 0 } },
  dailyDigest: false,
  digestEmail: null,
};

export const stockSettings = pgTable(
  'stock_settings',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    settings: jsonb('settings').$type<StockSettings>().notNull(),
    /** measured seconds from a stock change to Shopify confirming the push, per channel */
    measuredLag: jsonb('measured_lag').$type<Record<string, number>>().notNull().default({}),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('stock_settings_shop_uq').on(t.shopId)],
);

/** Units ordered per SKU and day (network-wide), sparse: a missing day sold nothing. */
export const demandDaily = pgTable(
  'demand_daily',
  {
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    skuId: ref('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    units: integer('units').notNull(),
    revenue: numeric('revenue', { precision: 14, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.skuId, t.day] }), index('demand_daily_shop_day_idx').on(t.shopId, t.day)],
);

/** The replenishment numbers of each SKU as the last run computed them, with their inputs. */
export const replenishmentSnapshot = pgTable(
  'replenishment_snapshot',
  {
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    skuId: ref('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    asOf: date('as_of').notNull(),
    windowDays: integer('window_days').notNull(),
    meanDaily: doublePrecision('mean_daily').notNull(),
    stdDaily: doublePrecision('std_daily').notNull(),
    z: doublePrecision('z').notNull(),
    leadTimeDays: doublePrecision('lead_time_days').notNull(),
    leadTimeStdDays: doublePrecision('lead_time_std_days'),
    safetyStock: doublePrecision('safety_stock').notNull(),
    reorderPoint: doublePrecision('reorder_point').notNull(),
    eoqRaw: doublePrecision('eoq_raw'),
    eoq: integer('eoq').notNull(),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    available: integer('available').notNull(),
    backorders: integer('backorders').notNull(),
    daysOfCover: doublePrecision('days_of_cover'),
    projectedStockout: date('projected_stockout'),
    revenueAtRiskPerDay: doublePrecision('revenue_at_risk_per_day').notNull(),
    suggestedOrderQuantity: integer('suggested_order_quantity').notNull(),
    abcClass: text('abc_class').notNull().default('C'),
    revenue: doublePrecision('revenue').notNull(),
    lastSale: date('last_sale'),
    computedAt: ts('computed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.skuId] })],
);

export const alertKinds = [
  'below_reorder_point',
  'stockout_within_lead_time',
  'out_of_stock_with_backorders',
  'overstock',
  'dead_stock',
] as const;
export type AlertKind = (typeof alertKinds)[number];

/** Stock alerts, created and resolved by the replenishment run; the merchant can snooze them. */
export const stockAlerts = pgTable(
  'stock_alerts',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    skuId: ref('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: alertKinds }).notNull(),
    severity: text('severity').notNull(),
    status: text('status', { enum: ['open', 'snoozed', 'resolved'] })
      .notNull()
      .default('open'),
    message: text('message').notNull(),
    formula: text('formula').notNull(),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    snoozedUntil: ts('snoozed_until'),
    resolvedAt: ts('resolved_at'),
    resolvedBy: text('resolved_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('stock_alerts_shop_status_idx').on(t.shopId, t.status, t.kind),
    index('stock_alerts_sku_idx').on(t.shopId, t.skuId, t.kind),
  ],
);

/** What we last told a channel location it may sell, to skip pushes that change nothing. */
export const channelStockPushes = pgTable(
  'channel_stock_pushes',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    skuId: ref('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    warehouseId: ref('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    pushedAt: ts('pushed_at').notNull(),
  },
  (t) => [uniqueIndex('channel_stock_pushes_uq').on(t.shopId, t.channel, t.skuId, t.warehouseId)],
);

/**
 * SKUs whose stock moved since a consumer last looked, written in the same transaction as the
 * movement: the channel sync and the alerts recompute take them, so nothing is missed or done twice.
 */
export const stockDirty = pgTable(
  'stock_dirty',
  {
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    skuId: ref('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['sync', 'alerts'] }).notNull(),
    markedAt: ts('marked_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.skuId, t.purpose] })],
);
