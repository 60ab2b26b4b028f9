import { z } from 'zod';

/**
 * What the app's Shopify UI extensions (extensions/) receive from /api/extensions. The blocks
 * import these types only; the server declares the schemas on its routes.
 */

/** A Shopify GID of one resource type; digits only after the type, so nothing hostile gets through. */
const gid = (type: 'Order' | 'Product') =>
  z
    .string()
    .max(80)
    .regex(new RegExp(`^gid://shopify/${type}/\\d{1,20}$`), `must be a gid://shopify/${type}/<id>`);

export const orderGidQuery = z.object({ id: gid('Order') }).strict();
export const productGidQuery = z.object({ id: gid('Product') }).strict();
export const orderGidBody = z.object({ id: gid('Order') }).strict();

const isoDate = z.iso.datetime();

/** A tracking number with the carrier's page for it, when the carrier is known. */
export const trackingLinkSchema = z.object({ number: z.string(), url: z.url({ protocol: /^https?$/ }).nullable() });

export const allocationStatusSchema = z.enum([
  'reserved',
  'ready',
  'leased',
  'acknowledged',
  'rejected',
  'partially_shipped',
  'shipped',
  'cancel_requested',
  'cancelled',
]);
export const shipmentStatusSchema = z.enum(['shipped', 'in_transit', 'out_for_delivery', 'delivered', 'exception']);

/** The routing decision of the latest attempt, as numbers the block puts into one translated sentence. */
export const routingDecisionSchema = z.object({
  outcome: z.enum(['single', 'split', 'partial', 'held', 'backordered', 'empty']),
  /** the routing's own English sentence, for logs and as a fallback */
  text: z.string(),
  warehouses: z.array(z.string()),
  shipments: z.number().int(),
  orderedUnits: z.number().int(),
  allocatedUnits: z.number().int(),
  backorderedUnits: z.number().int(),
  evaluatedAt: z.string(),
});

export const adminOrderBlockSchema = z.object({
  order: z.object({ id: z.number().int(), name: z.string(), status: z.string(), onHoldReason: z.string().nullable() }),
  allocations: z.array(
    z.object({
      id: z.number().int(),
      warehouse: z.string(),
      /** where the 3PL is with it: the allocation's state in the hand-over */
      status: allocationStatusSchema,
      units: z.number().int(),
      shippedUnits: z.number().int(),
      lines: z.array(z.object({ sku: z.string(), quantity: z.number().int(), shippedQuantity: z.number().int() })),
      dispatchedAt: isoDate.nullable(),
      acknowledgedAt: isoDate.nullable(),
      promisedShipBy: isoDate.nullable(),
      /** why the 3PL refused it or why handing it over failed */
      problem: z.string().nullable(),
    }),
  ),
  backorderedUnits: z.number().int(),
  decision: routingDecisionSchema.nullable(),
  shipments: z.array(
    z.object({
      id: z.number().int(),
      warehouse: z.string(),
      carrier: z.string().nullable(),
      status: shipmentStatusSchema,
      shippedAt: isoDate,
      tracking: z.array(trackingLinkSchema),
    }),
  ),
  /** `app:` links into the embedded app (the order page and its routing trace) */
  links: z.object({ order: z.string(), trace: z.string() }),
  canReroute: z.boolean(),
});

export const rerouteResultSchema = z.object({ queued: z.number().int() });

export const adminProductBlockSchema = z.object({
  skus: z.array(
    z.object({
      id: z.number().int(),
      sku: z.string(),
      title: z.string(),
      levels: z.array(
        z.object({
          warehouse: z.string(),
          onHand: z.number().int(),
          reserved: z.number().int(),
          available: z.number().int(),
        }),
      ),
      /** what each channel was last told it may sell (sum over its locations) */
      sellable: z.array(z.object({ channel: z.string(), quantity: z.number().int(), pushedAt: isoDate })),
      reorderPoint: z.number().nullable(),
      daysOfCover: z.number().nullable(),
      alerts: z.array(z.object({ kind: z.string(), severity: z.string(), message: z.string() })),
      /** `ok` when no alert is open, else the most severe open kind */
      alertStatus: z.enum(['ok', 'info', 'warning', 'critical']),
      link: z.string(),
    }),
  ),
});

export const trackingEventSchema = z.object({
  status: z.enum(['shipped', 'in_transit', 'out_for_delivery', 'delivered', 'exception']),
  occurredAt: isoDate,
  description: z.string().nullable(),
  location: z.string().nullable(),
});

export const customerOrderStatusSchema = z.object({
  order: z.object({ name: z.string() }),
  shipments: z.array(
    z.object({
      id: z.number().int(),
      carrier: z.string().nullable(),
      status: shipmentStatusSchema,
      shippedAt: isoDate,
      deliveredAt: isoDate.nullable(),
      tracking: z.array(trackingLinkSchema),
      items: z.array(z.object({ title: z.string(), quantity: z.number().int() })),
      /** oldest first, starting with the hand-over to the carrier */
      timeline: z.array(trackingEventSchema),
    }),
  ),
  /** units the warehouses have not shipped yet */
  unshippedUnits: z.number().int(),
  /** the tracking page's return door, when the shop takes a return of this order from its customer now; null otherwise */
  returnUrl: z.string().nullable(),
});

export type AdminOrderBlock = z.infer<typeof adminOrderBlockSchema>;
export type AdminProductBlock = z.infer<typeof adminProductBlockSchema>;
export type CustomerOrderStatus = z.infer<typeof customerOrderStatusSchema>;
export type RoutingDecision = z.infer<typeof routingDecisionSchema>;
export type RerouteResult = z.infer<typeof rerouteResultSchema>;
