import { gidType, parseId } from '../../core/ids.js';
import type { GqlContext, View } from '../context.js';
import { fulfillmentOrderView } from '../views/fulfillment-order-view.js';
import { fulfillmentView } from '../views/fulfillment-view.js';
import {
  adjustmentGroupView,
  inventoryItemView,
  inventoryLevelView,
  productView,
  variantView,
} from '../views/inventory-view.js';
import { locationView } from '../views/location-view.js';
import { customerView, orderView, visibleOrder } from '../views/order-view.js';
import { returnView, reverseFulfillmentOrderView } from '../views/return-view.js';
import { bulkOperationView, shopView } from '../views/shop-view.js';

/** A node by global id, for node/nodes. */
export function nodeById(ctx: GqlContext, id: string): View | null {
  const type = gidType(id);
  const n = parseId(id);
  if (!type || n === undefined) return null;
  const s = ctx.shop;
  switch (type) {
    case 'Order': {
      const o = s.orders.get(n);
      return o && visibleOrder(ctx, o) ? orderView(ctx, o) : null;
    }
    case 'FulfillmentOrder': {
      const fo = s.fulfillmentOrders.get(n);
      return fo ? fulfillmentOrderView(ctx, fo) : null;
    }
    case 'Fulfillment': {
      const f = s.fulfillments.get(n);
      return f ? fulfillmentView(ctx, f) : null;
    }
    case 'Location': {
      const l = s.locations.get(n);
      return l ? locationView(ctx, l) : null;
    }
    case 'Product': {
      const p = s.products.get(n);
      return p ? productView(ctx, p) : null;
    }
    case 'ProductVariant': {
      const v = s.variants.get(n);
      return v ? variantView(ctx, v) : null;
    }
    case 'InventoryItem': {
      const i = s.inventoryItems.get(n);
      return i ? inventoryItemView(ctx, i) : null;
    }
    case 'InventoryLevel': {
      const item = Number(/inventory_item_id=(\d+)/.exec(id)?.[1]);
      const level = s.levels.get(`${item}:${n}`);
      return level ? inventoryLevelView(ctx, level) : null;
    }
    case 'InventoryAdjustmentGroup': {
      const g = s.adjustmentGroups.get(n);
      return g ? adjustmentGroupView(ctx, g) : null;
    }
    case 'Customer': {
      const c = s.customers.get(n);
      return c ? customerView(ctx, c) : null;
    }
    case 'Return': {
      const r = s.returns.get(n);
      return r ? returnView(ctx, r) : null;
    }
    case 'ReverseFulfillmentOrder': {
      const r = s.reverseFulfillmentOrders.get(n);
      return r ? reverseFulfillmentOrderView(ctx, r) : null;
    }
    case 'BulkOperation': {
      const b = s.bulkOperations.get(n);
      return b ? bulkOperationView(ctx, b) : null;
    }
    case 'Shop':
      return n === s.id ? shopView(ctx) : null;
    default:
      return null;
  }
}
