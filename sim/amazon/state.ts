/**
 * One Amazon seller's merchant-fulfilled side, in memory: orders in the Orders API v2026-01-01
 * shape (PENDING → UNSHIPPED → PARTIALLY_SHIPPED / SHIPPED, or CANCELLED), the packages
 * `confirmShipment` (v0) recorded on them, listings with their MFN quantity, and the ORDER_CHANGE
 * notification each change publishes to the seller's SQS queue.
 */
import type { FulfillmentStatus, Order, OrderItem, OrderPackage } from '@sp-api-sdk/orders-api-2026-01-01';
import type { ConfirmShipmentRequest } from '@sp-api-sdk/orders-api-v0';
import type { PatchOperation } from '@sp-api-sdk/listings-items-api-2021-08-01';

/** An Amazon error body entry (`{ errors: [{ code, message, details }] }`). */
export class AmazonSimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details = '',
  ) {
    super(message);
  }
}

export interface PlaceOrderInput {
  lines: { sku: string; quantity: number; unitPrice?: number; title?: string }[];
  address?: { name?: string; addressLine1?: string; city?: string; postalCode?: string; countryCode?: string };
  /** PENDING: not paid yet (the buyer's payment is still being authorised) */
  status?: 'PENDING' | 'UNSHIPPED';
  orderId?: string;
}

/** What the control API shows of a package: enough for a test to check carrier and tracking. */
export interface RecordedPackage extends OrderPackage {
  carrierCode: string;
  carrierName: string | null;
}

/** The ORDER_CHANGE notification (channels-3pl-carriers §1.6), as SQS carries it in the message body. */
export interface OrderChangeNotification {
  NotificationVersion: '1.0';
  NotificationType: 'ORDER_CHANGE';
  PayloadVersion: '1.0';
  EventTime: string;
  Payload: {
    OrderChangeNotification: {
      NotificationLevel: 'OrderLevel';
      SellerId: string;
      AmazonOrderId: string;
      OrderChangeType: 'OrderStatusChange' | 'BuyerRequestedChange';
      OrderChangeTrigger: { TimeOfOrderChange: string; ChangeReason: string };
      Summary: {
        MarketplaceId: string;
        OrderStatus: string;
        PurchaseDate: string;
        DestinationPostalCode: string | null;
        FulfillmentType: 'MFN';
        OrderItems: { OrderItemId: string; SellerSKU: string; Quantity: number; QuantityShipped: number }[];
      };
    };
  };
  NotificationMetadata: { ApplicationId: string; SubscriptionId: string; PublishTime: string; NotificationId: string };
}

export interface AmazonStateOptions {
  now: () => Date;
  sellerId: string;
  marketplaceId: string;
  /** every change calls this with its notification (the queue) */
  publish: (n: OrderChangeNotification) => void;
}

/** v0 status names, which ORDER_CHANGE summaries still use. */
const V0_STATUS: Record<FulfillmentStatus, string> = {
  PENDING_AVAILABILITY: 'PendingAvailability',
  PENDING: 'Pending',
  UNSHIPPED: 'Unshipped',
  PARTIALLY_SHIPPED: 'PartiallyShipped',
  SHIPPED: 'Shipped',
  CANCELLED: 'Canceled',
  UNFULFILLABLE: 'Unfulfillable',
};

export function createAmazonState(opts: AmazonStateOptions) {
  const orders = new Map<string, Order>();
  const packages = new Map<string, RecordedPackage[]>();
  const shippedQty = new Map<string, number>();
  const listings = new Map<string, { sku: string; productType: string; quantity: number; updated: string }>();
  let seq = 0;
  let notificationSeq = 0;
  // a change always moves lastUpdatedTime forward, even twice in one millisecond
  const stamp = (after?: string): string =>
    new Date(Math.max(opts.now().getTime(), after ? Date.parse(after) + 1 : 0)).toISOString();
  const get = (id: string): Order => {
    const o = orders.get(id);
    if (!o) throw new AmazonSimError(404, 'NotFound', `Order ${id} not found`);
    return o;
  };
  const statusOf = (o: Order): FulfillmentStatus => o.fulfillment!.fulfillmentStatus;

  const notify = (o: Order, reason: string): OrderChangeNotification => {
    const n = ++notificationSeq;
    const at = o.lastUpdatedTime;
    const note: OrderChangeNotification = {
      NotificationVersion: '1.0',
      NotificationType: 'ORDER_CHANGE',
      PayloadVersion: '1.0',
      EventTime: at,
      Payload: {
        OrderChangeNotification: {
          NotificationLevel: 'OrderLevel',
          SellerId: opts.sellerId,
          AmazonOrderId: o.orderId,
          OrderChangeType: 'OrderStatusChange',
          OrderChangeTrigger: { TimeOfOrderChange: at, ChangeReason: reason },
          Summary: {
            MarketplaceId: opts.marketplaceId,
            OrderStatus: V0_STATUS[statusOf(o)],
            PurchaseDate: o.createdTime,
            DestinationPostalCode: o.recipient?.deliveryAddress?.postalCode ?? null,
            FulfillmentType: 'MFN',
            OrderItems: o.orderItems.map((i) => ({
              OrderItemId: i.orderItemId,
              SellerSKU: i.product.sellerSku ?? '',
              Quantity: i.quantityOrdered,
              QuantityShipped: shippedQty.get(i.orderItemId) ?? 0,
            })),
          },
        },
      },
      NotificationMetadata: {
        ApplicationId: 'amzn1.sellerapps.app.sim',
        SubscriptionId: 'sim-subscription-order-change',
        PublishTime: stamp(),
        NotificationId: `${String(n).padStart(8, '0')}-0000-4000-8000-${o.orderId.replace(/\D/g, '').slice(-12).padStart(12, '0')}`,
      },
    };
    opts.publish(note);
    return note;
  };
  const change = (o: Order, status: FulfillmentStatus, reason: string) => {
    o.fulfillment!.fulfillmentStatus = status;
    o.lastUpdatedTime = stamp(o.lastUpdatedTime);
    notify(o, reason);
  };

  return {
    sellerId: opts.sellerId,
    marketplaceId: opts.marketplaceId,
    placeOrder(input: PlaceOrderInput): Order {
      const n = ++seq;
      const id = input.orderId ?? `171-${String(1000000 + n)}-${String(2000000 + n)}`;
      if (orders.has(id)) throw new AmazonSimError(400, 'InvalidInput', `Order ${id} already exists`);
      if (!input.lines?.length) throw new AmazonSimError(400, 'InvalidInput', 'An order needs at least one line');
      const now = stamp();
      const a = input.address ?? {};
      const items: OrderItem[] = input.lines.map((l, i) => ({
        orderItemId: `${String(10000000000000 + n * 100 + i)}`,
        quantityOrdered: l.quantity,
        product: {
          asin: `B0SIM${String(n).padStart(5, '0')}`,
          title: l.title ?? l.sku,
          sellerSku: l.sku,
          price: { unitPrice: { amount: (l.unitPrice ?? 25).toFixed(2), currencyCode: 'EUR' } },
        },
      }));
      const total = input.lines.reduce((s, l) => s + (l.unitPrice ?? 25) * l.quantity, 0);
      const order: Order = {
        orderId: id,
        createdTime: now,
        lastUpdatedTime: now,
        salesChannel: { channelName: 'Amazon.fr', marketplaceId: opts.marketplaceId, marketplaceName: 'Amazon.fr' },
        recipient: {
          deliveryAddress: {
            name: a.name ?? 'Camille Martin',
            addressLine1: a.addressLine1 ?? '8 rue de la République',
            city: a.city ?? 'Lyon',
            postalCode: a.postalCode ?? '69002',
            countryCode: a.countryCode ?? 'FR',
            addressType: 'RESIDENTIAL',
          },
        },
        proceeds: { grandTotal: { amount: total.toFixed(2), currencyCode: 'EUR' } },
        fulfillment: { fulfillmentStatus: input.status ?? 'UNSHIPPED', fulfilledBy: 'MERCHANT' },
        orderItems: items,
        packages: [],
      };
      orders.set(id, order);
      notify(order, 'OrderCreated');
      return order;
    },
    get,
    list(): Order[] {
      return [...orders.values()];
    },
    packagesOf(id: string): RecordedPackage[] {
      get(id);
      return packages.get(id) ?? [];
    },
    /** the buyer's payment went through (control API) */
    pay(id: string): Order {
      const o = get(id);
      if (statusOf(o) !== 'PENDING') throw new AmazonSimError(400, 'InvalidInput', `Order ${id} is not PENDING`);
      change(o, 'UNSHIPPED', 'PaymentAuthorized');
      return o;
    },
    /** the buyer or Amazon cancels (control API) */
    cancel(id: string): Order {
      const o = get(id);
      if (!['PENDING', 'UNSHIPPED'].includes(statusOf(o)))
        throw new AmazonSimError(400, 'InvalidInput', `Order ${id} is ${statusOf(o)} and cannot be cancelled`);
      change(o, 'CANCELLED', 'BuyerCancelled');
      return o;
    },
    /** publishes the order's notification again, as SQS's at-least-once delivery may */
    renotify(id: string): OrderChangeNotification {
      return notify(get(id), 'Redelivered');
    },
    /** v0 confirmShipment: one package; the same packageReferenceId again edits it */
    confirmShipment(id: string, body: ConfirmShipmentRequest): void {
      const o = get(id);
      if (body.marketplaceId !== opts.marketplaceId)
        throw new AmazonSimError(400, 'InvalidInput', `Invalid marketplaceId ${String(body.marketplaceId)}`);
      const p = body.packageDetail;
      for (const k of ['packageReferenceId', 'carrierCode', 'trackingNumber', 'shipDate'] as const) {
        if (!p || typeof p[k] !== 'string' || !p[k])
          throw new AmazonSimError(400, 'InvalidInput', `Missing required field packageDetail.${k}`);
      }
      if (!/^\d+$/.test(p.packageReferenceId))
        throw new AmazonSimError(400, 'InvalidInput', 'packageReferenceId must be a positive integer');
      if (p.carrierCode === 'Other' && !p.carrierName)
        throw new AmazonSimError(400, 'InvalidInput', 'carrierName is required when carrierCode is Other');
      if (!Array.isArray(p.orderItems) || p.orderItems.length === 0)
        throw new AmazonSimError(400, 'InvalidInput', 'Missing required field packageDetail.orderItems');
      const status = statusOf(o);
      const list = packages.get(id) ?? [];
      const existing = list.find((x) => x.packageReferenceId === p.packageReferenceId);
      if (!existing && !['UNSHIPPED', 'PARTIALLY_SHIPPED'].includes(status))
        throw new AmazonSimError(400, 'InvalidInput', `Order ${id} has status ${V0_STATUS[status]}: cannot ship`);
      if (!existing) {
        for (const it of p.orderItems) {
          const item = o.orderItems.find((x) => x.orderItemId === it.orderItemId);
          if (!item) throw new AmazonSimError(400, 'InvalidInput', `Invalid orderItemId ${it.orderItemId}`);
          const left = item.quantityOrdered - (shippedQty.get(it.orderItemId) ?? 0);
          if (!Number.isInteger(it.quantity) || it.quantity < 1 || it.quantity > left)
            throw new AmazonSimError(400, 'InvalidInput', `Invalid quantity for orderItemId ${it.orderItemId}`);
        }
        for (const it of p.orderItems)
          shippedQty.set(it.orderItemId, (shippedQty.get(it.orderItemId) ?? 0) + it.quantity);
      }
      const pkg: RecordedPackage = {
        packageReferenceId: p.packageReferenceId,
        createdTime: existing?.createdTime ?? stamp(),
        packageStatus: { status: 'SHIPPED' },
        carrier: p.carrierCode === 'Other' ? (p.carrierName ?? 'Other') : p.carrierCode,
        carrierCode: p.carrierCode,
        carrierName: p.carrierName ?? null,
        shipTime: p.shipDate,
        shippingService: p.shippingMethod,
        trackingNumber: p.trackingNumber,
        packageItems:
          existing?.packageItems ?? p.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
      };
      packages.set(id, existing ? list.map((x) => (x === existing ? pkg : x)) : [...list, pkg]);
      o.packages = packages.get(id)!.map(({ carrierCode: _c, carrierName: _n, ...pub }) => pub);
      if (existing) {
        o.lastUpdatedTime = stamp(o.lastUpdatedTime);
        return;
      }
      const all = o.orderItems.every((i) => (shippedQty.get(i.orderItemId) ?? 0) >= i.quantityOrdered);
      change(o, all ? 'SHIPPED' : 'PARTIALLY_SHIPPED', 'ShipmentConfirmed');
    },
    setListing(sku: string, quantity: number, productType = 'PRODUCT'): void {
      listings.set(sku, { sku, productType, quantity, updated: stamp() });
    },
    listings() {
      return [...listings.values()];
    },
    /** patchListingsItem: only the MFN quantity (`/attributes/fulfillment_availability`) is modelled */
    patchListing(
      sku: string,
      productType: string,
      patches: PatchOperation[],
    ): { ok: true } | { ok: false; issue: string } {
      const l = listings.get(sku);
      if (!l) return { ok: false, issue: `The SKU ${sku} does not exist for this seller and marketplace` };
      if (productType !== l.productType)
        return { ok: false, issue: `The productType ${productType} does not match the listing's ${l.productType}` };
      for (const p of patches) {
        if (p.path !== '/attributes/fulfillment_availability') continue;
        if (p.op === 'delete') {
          l.quantity = 0;
          continue;
        }
        const v = (p.value ?? []).find((x) => x.fulfillment_channel_code === 'DEFAULT') as
          { quantity?: unknown } | undefined;
        const q = v?.quantity;
        if (typeof q !== 'number' || !Number.isInteger(q) || q < 0)
          return { ok: false, issue: `fulfillment_availability.quantity must be a non-negative integer` };
        l.quantity = q;
      }
      l.updated = stamp();
      return { ok: true };
    },
  };
}

export type AmazonState = ReturnType<typeof createAmazonState>;
