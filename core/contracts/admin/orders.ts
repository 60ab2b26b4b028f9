import { z } from 'zod';
import { delayReasons } from '../../domain/customers/delay.js';
import { dateTime, isoDate, postalAddress } from './common.js';
import { routingTrace } from './routing-trace.js';

export const orderStatuses = [
  'pending',
  'routed',
  'backordered',
  'on_hold',
  'dispatched',
  'partially_shipped',
  'shipped',
  'delivered',
  'cancelled',
  'fulfilled_elsewhere',
] as const;
/** Where an order is in its life. */
export type OrderStatus = (typeof orderStatuses)[number];
export const allocationStatuses = [
  'reserved',
  'ready',
  'leased',
  'acknowledged',
  'rejected',
  'partially_shipped',
  'shipped',
  'cancel_requested',
  'cancelled',
] as const;
/** Where one warehouse's part of an order is. */
export type AllocationStatus = (typeof allocationStatuses)[number];

/** GET /orders: filters (`status` is a comma-separated list) and keyset pagination. */
export const orderListQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s, c) => {
      if (!s) return undefined;
      const parts = s.split(',');
      const bad = parts.filter((p) => !(orderStatuses as readonly string[]).includes(p));
      if (bad.length) {
        c.addIssue({ code: 'custom', message: `unknown status ${bad.join(', ')}` });
        return z.NEVER;
      }
      return parts as OrderStatus[];
    }),
  channel: z.string().max(40).optional(),
  warehouse: z.coerce.number().int().positive().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  late: z.enum(['true', 'false']).optional(),
  awaitingAck: z.enum(['true', 'false']).optional(),
  shippedOn: isoDate.optional(),
  q: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(250).default(50),
});
export type OrderListQuery = z.infer<typeof orderListQuery>;

/** One row of GET /orders. */
export const orderRow = z.object({
  id: z.number().int(),
  name: z.string(),
  channel: z.string(),
  status: z.enum(orderStatuses),
  financialStatus: z.string().nullable(),
  placedAt: dateTime,
  countryCode: z.string().nullable(),
  city: z.string().nullable(),
  totalPrice: z.string(),
  currency: z.string(),
  units: z.number().int(),
  warehouses: z.array(z.string()),
  late: z.boolean(),
});
export type OrderRow = z.infer<typeof orderRow>;
/** GET /orders */
export const orderPage = z.object({ items: z.array(orderRow), nextCursor: z.string().nullable() });
export type OrderPage = z.infer<typeof orderPage>;

/** A carrier scan of a parcel. */
export const trackingEvent = z.object({
  status: z.enum(['in_transit', 'out_for_delivery', 'delivered', 'exception']),
  occurredAt: dateTime,
  description: z.string().nullable(),
  location: z.string().nullable(),
  pushStatus: z.enum(['pending', 'pushed', 'failed', 'skipped']),
});
/** A parcel with its carrier scans. */
export const shipment = z.object({
  id: z.number().int(),
  allocationId: z.number().int(),
  carrier: z.string().nullable(),
  trackingNumbers: z.array(z.string()),
  trackingUrls: z.array(z.string()),
  status: z.enum(['shipped', 'in_transit', 'out_for_delivery', 'delivered', 'exception']),
  shippedAt: dateTime,
  deliveredAt: dateTime.nullable(),
  fulfillmentExternalId: z.string().nullable(),
  pushStatus: z.enum(['pending', 'pushed', 'failed']),
  pushResult: z.unknown(),
  events: z.array(trackingEvent),
});
export type Shipment = z.infer<typeof shipment>;

/** One allocation of an order: what one warehouse was given, and what became of it. */
export const orderAllocation = z.object({
  id: z.number().int(),
  warehouseId: z.number().int(),
  warehouse: z.string(),
  status: z.enum(allocationStatuses),
  attempt: z.number().int(),
  promisedShipBy: dateTime.nullable(),
  promisedDeliveryBy: dateTime.nullable(),
  serviceLevel: z.string().nullable(),
  cost: z.string().nullable(),
  distanceKm: z.number().nullable(),
  dispatchedAt: dateTime.nullable(),
  acknowledgedAt: dateTime.nullable(),
  rejectReason: z.string().nullable(),
  dispatchError: z.string().nullable(),
  lines: z.array(
    z.object({
      lineId: z.number().int(),
      /** the order line this allocation line ships part of */
      orderLineId: z.number().int(),
      sku: z.string(),
      title: z.string(),
      quantity: z.number().int(),
      shippedQuantity: z.number().int(),
    }),
  ),
  shipments: z.array(shipment),
});
export type OrderAllocation = z.infer<typeof orderAllocation>;

/** One entry of an order's audit trail. */
export const timelineEntry = z.object({
  id: z.number().int(),
  at: dateTime,
  action: z.string(),
  actor: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

/** GET /orders/:id */
export const orderDetail = z.object({
  order: z.object({
    id: z.number().int(),
    name: z.string(),
    channel: z.string(),
    status: z.enum(orderStatuses),
    financialStatus: z.string().nullable(),
    onHoldReason: z.string().nullable(),
    placedAt: dateTime,
    cancelledAt: dateTime.nullable(),
    email: z.string().nullable(),
    shippingAddress: postalAddress.nullable(),
    totalPrice: z.string(),
    currency: z.string(),
    tags: z.array(z.string()),
    /** the customer's tracking page, once the order has one */
    trackingPageUrl: z.string().nullable(),
  }),
  lines: z.array(
    z.object({
      id: z.number().int(),
      sku: z.string().nullable(),
      title: z.string(),
      quantity: z.number().int(),
      currentQuantity: z.number().int(),
      unitPrice: z.string(),
    }),
  ),
  allocations: z.array(orderAllocation),
  backorders: z.array(
    z.object({
      id: z.number().int(),
      sku: z.string(),
      quantity: z.number().int(),
      outcome: z.enum(['hold', 'partial', 'cancel_at']),
      cancelAt: dateTime.nullable(),
      createdAt: dateTime,
    }),
  ),
  /** the trace of the latest routing: warehouses × rules */
  trace: routingTrace.nullable(),
  timeline: z.array(timelineEntry),
  /** the customer's tracking page (also on `order`), once the order has one */
  trackingPageUrl: z.string().nullable(),
  delays: z.array(
    z.object({
      id: z.number().int(),
      shipmentId: z.number().int(),
      reason: z.enum(delayReasons),
      detectedAt: dateTime,
      resolvedAt: dateTime.nullable(),
    }),
  ),
  emails: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      sender: z.string(),
      status: z.string(),
      toAddress: z.string().nullable(),
      locale: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      sentAt: dateTime.nullable(),
      shipmentId: z.number().int().nullable(),
    }),
  ),
});
export type OrderDetail = z.infer<typeof orderDetail>;

/** GET /channels: the sales channels the shop has orders from. */
export const channelsResponse = z.object({
  items: z.array(z.object({ channel: z.string(), orders: z.number().int() })),
});
export type ChannelsResponse = z.infer<typeof channelsResponse>;

/** POST /orders/reroute */
export const rerouteBody = z.object({
  orderIds: z.array(z.number().int().positive()).min(1).max(500),
  fresh: z.boolean().default(false),
});
export type RerouteBody = z.infer<typeof rerouteBody>;
/** POST /orders/:id/reroute */
export const rerouteOneBody = z.object({ fresh: z.boolean().default(true) }).default({ fresh: true });
/** POST /orders/reroute and /orders/:id/reroute: the orders queued for routing again. */
export const rerouteResponse = z.object({ queued: z.number().int() });
export type RerouteResponse = z.infer<typeof rerouteResponse>;

/** POST /orders/:id/hold */
export const holdBody = z.object({ reason: z.string().min(1).max(200) });
export type HoldBody = z.infer<typeof holdBody>;
/** POST /orders/:id/hold: how many allocations were withdrawn from their warehouses. */
export const holdResponse = z.object({ status: z.literal('on_hold'), withdrawn: z.number().int() });
export type HoldResponse = z.infer<typeof holdResponse>;
/** POST /orders/:id/release */
export const releaseResponse = z.object({ status: z.literal('pending') });
export type ReleaseResponse = z.infer<typeof releaseResponse>;
/** POST /orders/:id/cancel-at-3pl */
export const cancelAtWarehousesResponse = z.object({
  cancelled: z.number().int(),
  requested: z.number().int(),
  alreadyShipped: z.number().int(),
});
export type CancelAtWarehousesResponse = z.infer<typeof cancelAtWarehousesResponse>;
