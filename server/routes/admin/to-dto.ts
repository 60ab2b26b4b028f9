import type * as C from '../../../core/contracts/admin/index.js';
import type { StockAlertRow } from '../../../core/db/alerts-queries.js';
import type { ShopifyLocationRow } from '../../../core/db/locations-queries.js';
import type { SkuRow } from '../../../core/db/purchasing-queries.js';
import type { ReplenishmentSnapshotRow, StockListRow } from '../../../core/db/stock-queries.js';
import type { Shop } from '../../../core/db/shops-repo.js';
import type { ImportRow, ReconcileRun } from '../../../core/db/sync-repo.js';
import type { WarehouseRow } from '../../../core/db/warehouses-repo.js';
import type { RoutingTrace } from '../../../core/domain/routing/index.js';
import type { OrderDetailData } from '../../../core/use-cases/admin/get-order-detail.js';

/**
 * Rows and use-case results → the admin API's DTOs (core/contracts/admin). Each mapper names
 * every field, so a renamed column fails to compile here instead of changing what the browser gets.
 */

export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const toShopInfo = (s: Shop): C.ShopInfo => ({
  domain: s.domain,
  name: s.name,
  currency: s.currency,
  locale: s.locale,
  timezone: s.timezone,
  status: s.status,
  installedAt: iso(s.installedAt),
});

export const toImportRun = (r: ImportRow): C.ImportRun => ({
  id: r.id,
  status: r.status,
  stage: r.stage,
  percent: r.percent,
  counts: r.counts,
  error: r.error,
  startedAt: isoOrNull(r.startedAt),
  finishedAt: isoOrNull(r.finishedAt),
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

export const toReconcileRun = (r: ReconcileRun): C.ReconcileRun => ({
  id: r.id,
  cursorFrom: isoOrNull(r.cursorFrom),
  cursorTo: isoOrNull(r.cursorTo),
  checked: r.checked,
  repaired: r.repaired,
  details: r.details.map((d) => ({ externalId: d.externalId, name: d.name, what: d.what })),
  status: r.status,
  error: r.error,
  startedAt: iso(r.startedAt),
  finishedAt: isoOrNull(r.finishedAt),
});

export const toWarehouse = (w: WarehouseRow): C.Warehouse => ({
  id: w.id,
  name: w.name,
  code: w.code,
  locationExternalId: w.locationExternalId,
  address: w.address,
  latitude: w.latitude,
  longitude: w.longitude,
  timezone: w.timezone,
  cutoffTime: w.cutoffTime,
  workingDays: w.workingDays,
  holidays: w.holidays,
  zones: w.zones,
  serviceLevels: w.serviceLevels,
  costs: w.costs,
  dailyCapacity: w.dailyCapacity,
  priority: w.priority,
  dispatchStyle: w.dispatchStyle,
  fulfillmentServiceExternalId: w.fulfillmentServiceExternalId,
  countryCode: w.countryCode,
  pushUrl: w.pushUrl,
  active: w.active,
  hasPushSecret: !!w.pushSecretEnc,
  pushSecretPreviousValidUntil: w.pushSecretPrevUntil && w.pushSecretPrevEnc ? iso(w.pushSecretPrevUntil) : null,
  createdAt: iso(w.createdAt),
  updatedAt: iso(w.updatedAt),
});

export const toLocation = (l: ShopifyLocationRow): C.ShopifyLocation => ({
  id: l.externalId,
  name: l.name,
  active: l.active,
  isFulfillmentService: l.isFulfillmentService,
  address: l.address,
  latitude: l.latitude,
  longitude: l.longitude,
});

// the stored trace is JSON written by planRoute; the domain type is what the contract describes
const toTrace = (t: unknown): C.RoutingTraceDto | null => (t ? (t as RoutingTrace) : null);

export function toOrderDetail(d: OrderDetailData): C.OrderDetail {
  const o = d.order;
  return {
    order: {
      id: o.id,
      name: o.name,
      channel: o.channel,
      status: o.status,
      financialStatus: o.financialStatus,
      onHoldReason: o.onHoldReason,
      placedAt: iso(o.placedAt),
      cancelledAt: isoOrNull(o.cancelledAt),
      email: o.email,
      shippingAddress: o.shippingAddress,
      totalPrice: o.totalPrice,
      currency: o.currency,
      tags: o.tags,
      trackingPageUrl: d.customer.trackingPageUrl,
    },
    lines: d.lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      currentQuantity: l.currentQuantity,
      unitPrice: l.unitPrice,
    })),
    allocations: d.allocations.map(({ allocation: a, warehouse, lines, shipments }) => ({
      id: a.id,
      warehouseId: a.warehouseId,
      warehouse,
      status: a.status,
      attempt: a.attempt,
      promisedShipBy: isoOrNull(a.promisedShipBy),
      promisedDeliveryBy: isoOrNull(a.promisedDeliveryBy),
      serviceLevel: a.serviceLevel,
      cost: a.cost,
      distanceKm: a.distanceKm,
      dispatchedAt: isoOrNull(a.dispatchedAt),
      acknowledgedAt: isoOrNull(a.acknowledgedAt),
      rejectReason: a.rejectReason,
      dispatchError: a.dispatchError,
      lines: lines.map((l) => ({
        lineId: l.lineId,
        orderLineId: l.orderLineId,
        sku: l.sku,
        title: l.title,
        quantity: l.quantity,
        shippedQuantity: l.shippedQuantity,
      })),
      shipments: shipments.map((s) => ({
        id: s.id,
        allocationId: s.allocationId,
        carrier: s.carrier,
        trackingNumbers: s.trackingNumbers,
        trackingUrls: s.trackingUrls,
        status: s.status,
        shippedAt: iso(s.shippedAt),
        deliveredAt: isoOrNull(s.deliveredAt),
        fulfillmentExternalId: s.fulfillmentExternalId,
        pushStatus: s.pushStatus,
        pushResult: s.pushResult,
        events: s.events.map((e) => ({
          status: e.status,
          occurredAt: iso(e.occurredAt),
          description: e.description,
          location: e.location,
          pushStatus: e.pushStatus,
        })),
      })),
    })),
    backorders: d.backorders.map((b) => ({
      id: b.id,
      sku: b.sku,
      quantity: b.quantity,
      outcome: b.outcome,
      cancelAt: isoOrNull(b.cancelAt),
      createdAt: iso(b.createdAt),
    })),
    trace: toTrace(d.trace),
    timeline: d.timeline.map((e) => ({
      id: e.id,
      at: iso(e.createdAt),
      action: e.action,
      actor: e.actor,
      data: e.data && typeof e.data === 'object' ? (e.data as Record<string, unknown>) : null,
    })),
    trackingPageUrl: d.customer.trackingPageUrl,
    delays: d.customer.delays.map((x) => ({
      ...x,
      detectedAt: iso(x.detectedAt),
      resolvedAt: isoOrNull(x.resolvedAt),
    })),
    emails: d.customer.emails.map((x) => ({ ...x, sentAt: isoOrNull(x.sentAt) })),
  };
}

export const toStockAlert = (a: StockAlertRow): C.StockAlert => ({
  id: a.id,
  skuId: a.skuId,
  kind: a.kind,
  severity: a.severity,
  status: a.status,
  message: a.message,
  formula: a.formula,
  inputs: a.inputs,
  snoozedUntil: isoOrNull(a.snoozedUntil),
  resolvedAt: isoOrNull(a.resolvedAt),
  resolvedBy: a.resolvedBy,
  createdAt: iso(a.createdAt),
  updatedAt: iso(a.updatedAt),
});

export const toSku = (s: SkuRow): C.Sku => ({
  id: s.id,
  sku: s.sku,
  title: s.title,
  productExternalId: s.productExternalId,
  variantExternalId: s.variantExternalId,
  inventoryItemExternalId: s.inventoryItemExternalId,
  price: s.price,
  unitCost: s.unitCost,
  supplier: s.supplier,
  packSize: s.packSize,
  moq: s.moq,
  leadTimeDays: s.leadTimeDays,
  leadTimeStdDays: s.leadTimeStdDays,
  createdAt: iso(s.createdAt),
  updatedAt: iso(s.updatedAt),
});

export const toReplenishment = (r: ReplenishmentSnapshotRow): C.Replenishment => ({
  asOf: r.asOf,
  windowDays: r.windowDays,
  meanDaily: r.meanDaily,
  stdDaily: r.stdDaily,
  z: r.z,
  leadTimeDays: r.leadTimeDays,
  leadTimeStdDays: r.leadTimeStdDays,
  safetyStock: r.safetyStock,
  reorderPoint: r.reorderPoint,
  eoqRaw: r.eoqRaw,
  eoq: r.eoq,
  onHand: r.onHand,
  reserved: r.reserved,
  available: r.available,
  backorders: r.backorders,
  daysOfCover: r.daysOfCover,
  projectedStockout: r.projectedStockout,
  revenueAtRiskPerDay: r.revenueAtRiskPerDay,
  suggestedOrderQuantity: r.suggestedOrderQuantity,
  abcClass: r.abcClass,
  revenue: r.revenue,
  lastSale: r.lastSale,
  computedAt: iso(r.computedAt),
});

const round3 = (n: number | null): number | null => (n === null ? null : Math.round(n * 1000) / 1000);

/** A row of the Stock list as the table shows it: levels as [warehouseId, onHand, reserved], alert kinds only. */
/** `sellable`: what each of the page's channels may sell of the SKU, in the page's channel order. */
export const toStockItem = (s: StockListRow, sellable: number[]): C.StockItem => ({
  id: s.id,
  sku: s.sku,
  title: s.title,
  abcClass: s.abcClass,
  levels: s.levels.map((l) => [l.warehouseId, l.onHand, l.reserved]),
  meanDaily: round3(s.meanDaily),
  daysOfCover: round3(s.daysOfCover),
  projectedStockout: s.projectedStockout,
  reorderPoint: round3(s.reorderPoint),
  alerts: [...new Set(s.alerts.map((a) => a.kind))],
  channels: sellable,
});
