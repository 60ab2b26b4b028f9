import type { WarehouseRow } from '../../db/warehouses-repo.js';
import type { OrderLineRow } from '../../db/orders-repo.js';
import type { RoutingOrderRow } from '../../db/routing-snapshot-queries.js';
import { checkoutServiceLevel } from '../../domain/orders/checkout-promise.js';
import type { RoutingOrder, RoutingWarehouse } from '../../domain/routing/index.js';

/**
 * The order as the router sees it: only the units still to place, with what the checkout
 * promised (the shipping rate as one of the warehouses' service levels, the delivery date).
 */
export function toRoutingOrder(
  order: Omit<RoutingOrderRow, 'externalId' | 'status' | 'financialStatus' | 'onHoldReason' | 'cancelledAt'>,
  lines: { line: Pick<OrderLineRow, 'id' | 'sku' | 'unitPrice'>; quantity: number }[],
  warehouses: readonly Pick<RoutingWarehouse, 'serviceLevels'>[] = [],
): RoutingOrder {
  return {
    id: String(order.id),
    channel: order.channel,
    placedAt: order.placedAt.toISOString(),
    shippingAddress: {
      countryCode: order.countryCode ?? '',
      postalCode: order.zip ?? '',
      latitude: order.latitude,
      longitude: order.longitude,
    },
    serviceLevel: checkoutServiceLevel(
      { code: order.shippingRateCode, title: order.shippingRateTitle },
      warehouses.flatMap((w) => w.serviceLevels),
    ),
    deliverBy: order.deliverBy,
    lines: lines
      .filter((l) => l.quantity > 0 && l.line.sku)
      .map((l) => ({
        lineId: String(l.line.id),
        sku: l.line.sku!,
        quantity: l.quantity,
        unitPrice: Number(l.line.unitPrice),
      })),
  };
}

export function toRoutingWarehouse(
  w: WarehouseRow,
  stock: Record<string, number>,
  usedToday: number,
): RoutingWarehouse {
  return {
    id: String(w.id),
    name: w.name,
    countryCode: w.countryCode ?? w.address.countryCode ?? null,
    latitude: w.latitude,
    longitude: w.longitude,
    timeZone: w.timezone,
    cutoffTime: w.cutoffTime,
    workingDays: w.workingDays,
    holidays: w.holidays,
    zones: w.zones,
    serviceLevels: w.serviceLevels,
    costs: w.costs,
    dailyCapacity: w.dailyCapacity,
    usedToday,
    priority: w.priority,
    stock,
  };
}
