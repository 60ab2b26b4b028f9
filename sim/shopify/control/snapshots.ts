import { gid } from '../core/ids.js';
import { isoUtc } from '../core/time-format.js';
import { onHand } from '../state/inventory.js';
import { displayFulfillmentStatus, orderReturnStatus, orderTotals } from '../state/order-status.js';
import type {
  SimFulfillmentService,
  SimInventoryLevel,
  SimLocation,
  SimOrder,
  SimProduct,
  SimShop,
} from '../state/types.js';

/** A shop as the control API shows it. */
export interface ShopSnapshot {
  id: number;
  gid: string;
  domain: string;
  name: string;
  plan: string;
  currency: string;
  locale: string;
  timezone: string;
  installed: boolean;
  throttle: { maximumAvailable: number; restoreRate: number; currentlyAvailable: number };
  locationRanking: number[];
  counts: { products: number; variants: number; locations: number; orders: number; customers: number };
}

/** A location as the control API shows it. */
export interface LocationSnapshot {
  id: number;
  gid: string;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  fulfillmentService: {
    id: number;
    gid: string;
    handle: string;
    callbackUrl: string | null;
    ownedByApp: boolean;
  } | null;
  address: SimLocation['address'];
}

/** A product with its variants. */
export interface ProductSnapshot {
  id: number;
  gid: string;
  title: string;
  variants: {
    id: number;
    gid: string;
    sku: string;
    title: string;
    price: string;
    inventoryItemId: number;
    inventoryItemGid: string;
  }[];
}

/** Every quantity of one item at one location. */
export interface LevelSnapshot {
  sku: string;
  inventoryItemId: number;
  inventoryItemGid: string;
  locationId: number;
  locationGid: string;
  locationName: string;
  available: number;
  on_hand: number;
  committed: number;
  incoming: number;
  reserved: number;
  damaged: number;
  safety_stock: number;
  quality_control: number;
}

/** An order with its fulfillment orders, fulfillments and returns. */
export interface OrderSnapshot {
  id: number;
  gid: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  financialStatus: string;
  displayFulfillmentStatus: string;
  returnStatus: string;
  email: string;
  totalPrice: string;
  shippingAddress: SimOrder['shippingAddress'];
  lineItems: {
    id: number;
    gid: string;
    sku: string;
    quantity: number;
    currentQuantity: number;
    inventoryItemId: number | null;
  }[];
  fulfillmentOrders: {
    id: number;
    gid: string;
    status: string;
    requestStatus: string;
    locationId: number;
    locationGid: string;
    locationName: string;
    holds: { id: number; gid: string; handle: string; reason: string }[];
    lineItems: {
      id: number;
      gid: string;
      lineItemId: number;
      sku: string;
      totalQuantity: number;
      remainingQuantity: number;
    }[];
  }[];
  fulfillments: {
    id: number;
    gid: string;
    name: string;
    status: string;
    displayStatus: string;
    locationId: number;
    /** whether Shopify itself e-mailed the customer about this fulfillment */
    notifyCustomer: boolean;
    tracking: { company: string | null; number: string | null; url: string | null }[];
    lineItems: { id: number; gid: string; lineItemId: number; quantity: number }[];
  }[];
  returns: {
    id: number;
    gid: string;
    name: string;
    status: string;
    lineItems: {
      id: number;
      gid: string;
      fulfillmentLineItemId: number;
      quantity: number;
      processedQuantity: number;
    }[];
  }[];
}

export function shopSnapshot(shop: SimShop): ShopSnapshot {
  return {
    id: shop.id,
    gid: gid('Shop', shop.id),
    domain: shop.domain,
    name: shop.name,
    plan: shop.plan,
    currency: shop.currency,
    locale: shop.locale,
    timezone: shop.timezone,
    installed: shop.installed,
    throttle: {
      maximumAvailable: shop.bucket.maximumAvailable,
      restoreRate: shop.bucket.restoreRate,
      currentlyAvailable: shop.bucket.currentlyAvailable,
    },
    locationRanking: [...shop.locationRanking],
    counts: {
      products: shop.products.size,
      variants: shop.variants.size,
      locations: shop.locations.size,
      orders: shop.orders.size,
      customers: shop.customers.size,
    },
  };
}

export function locationSnapshot(shop: SimShop, loc: SimLocation): LocationSnapshot {
  const fs: SimFulfillmentService | undefined = loc.fulfillmentServiceId
    ? shop.fulfillmentServices.get(loc.fulfillmentServiceId)
    : undefined;
  return {
    id: loc.id,
    gid: gid('Location', loc.id),
    name: loc.name,
    isActive: loc.isActive,
    fulfillsOnlineOrders: loc.fulfillsOnlineOrders,
    fulfillmentService: fs
      ? {
          id: fs.id,
          gid: gid('FulfillmentService', fs.id),
          handle: fs.handle,
          callbackUrl: fs.callbackUrl,
          ownedByApp: fs.ownedByApp,
        }
      : null,
    address: { ...loc.address },
  };
}

export function productSnapshot(shop: SimShop, p: SimProduct): ProductSnapshot {
  return {
    id: p.id,
    gid: gid('Product', p.id),
    title: p.title,
    variants: p.variantIds.flatMap((id) => {
      const v = shop.variants.get(id);
      return v
        ? [
            {
              id: v.id,
              gid: gid('ProductVariant', v.id),
              sku: v.sku,
              title: v.title,
              price: (v.priceCents / 100).toFixed(2),
              inventoryItemId: v.inventoryItemId,
              inventoryItemGid: gid('InventoryItem', v.inventoryItemId),
            },
          ]
        : [];
    }),
  };
}

export function levelSnapshot(shop: SimShop, level: SimInventoryLevel): LevelSnapshot {
  const q = level.quantities;
  return {
    sku: shop.inventoryItems.get(level.inventoryItemId)?.sku ?? '',
    inventoryItemId: level.inventoryItemId,
    inventoryItemGid: gid('InventoryItem', level.inventoryItemId),
    locationId: level.locationId,
    locationGid: gid('Location', level.locationId),
    locationName: shop.locations.get(level.locationId)?.name ?? '',
    available: q.available,
    on_hand: onHand(level),
    committed: q.committed,
    incoming: q.incoming,
    reserved: q.reserved,
    damaged: q.damaged,
    safety_stock: q.safety_stock,
    quality_control: q.quality_control,
  };
}

export function orderSnapshot(shop: SimShop, o: SimOrder): OrderSnapshot {
  const skuOf = (lineItemId: number): string => o.lineItems.find((l) => l.id === lineItemId)?.sku ?? '';
  return {
    id: o.id,
    gid: gid('Order', o.id),
    name: o.name,
    createdAt: isoUtc(o.createdAt),
    updatedAt: isoUtc(o.updatedAt),
    cancelledAt: o.cancelledAt === null ? null : isoUtc(o.cancelledAt),
    financialStatus: o.financialStatus,
    displayFulfillmentStatus: displayFulfillmentStatus(shop, o),
    returnStatus: orderReturnStatus(shop, o),
    email: o.email,
    totalPrice: (orderTotals(shop, o).total / 100).toFixed(2),
    shippingAddress: { ...o.shippingAddress },
    lineItems: o.lineItems.map((l) => ({
      id: l.id,
      gid: gid('LineItem', l.id),
      sku: l.sku,
      quantity: l.quantity,
      currentQuantity: l.currentQuantity,
      inventoryItemId: l.inventoryItemId,
    })),
    fulfillmentOrders: o.fulfillmentOrderIds.flatMap((id) => {
      const fo = shop.fulfillmentOrders.get(id);
      if (!fo) return [];
      return [
        {
          id: fo.id,
          gid: gid('FulfillmentOrder', fo.id),
          status: fo.status,
          requestStatus: fo.requestStatus,
          locationId: fo.assignedLocationId,
          locationGid: gid('Location', fo.assignedLocationId),
          locationName: shop.locations.get(fo.assignedLocationId)?.name ?? '',
          holds: fo.holds.map((h) => ({
            id: h.id,
            gid: gid('FulfillmentHold', h.id),
            handle: h.handle,
            reason: h.reason,
          })),
          lineItems: fo.lineItems.map((l) => ({
            id: l.id,
            gid: gid('FulfillmentOrderLineItem', l.id),
            lineItemId: l.lineItemId,
            sku: skuOf(l.lineItemId),
            totalQuantity: l.totalQuantity,
            remainingQuantity: l.remainingQuantity,
          })),
        },
      ];
    }),
    fulfillments: o.fulfillmentIds.flatMap((id) => {
      const f = shop.fulfillments.get(id);
      if (!f) return [];
      return [
        {
          id: f.id,
          gid: gid('Fulfillment', f.id),
          name: f.name,
          status: f.status,
          displayStatus: f.displayStatus,
          locationId: f.locationId,
          notifyCustomer: f.notifyCustomer,
          tracking: f.tracking.map((t) => ({ ...t })),
          lineItems: f.lineItems.map((l) => ({
            id: l.id,
            gid: gid('FulfillmentLineItem', l.id),
            lineItemId: l.lineItemId,
            quantity: l.quantity,
          })),
        },
      ];
    }),
    returns: o.returnIds.flatMap((id) => {
      const r = shop.returns.get(id);
      if (!r) return [];
      return [
        {
          id: r.id,
          gid: gid('Return', r.id),
          name: r.name,
          status: r.status,
          lineItems: r.lineItems.map((l) => ({
            id: l.id,
            gid: gid('ReturnLineItem', l.id),
            fulfillmentLineItemId: l.fulfillmentLineItemId,
            quantity: l.quantity,
            processedQuantity: l.processedQuantity,
          })),
        },
      ];
    }),
  };
}
