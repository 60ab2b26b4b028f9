import { parseId } from '../../core/ids.js';
import { isFoActive } from '../../state/order-status.js';
import { ASSIGNMENT, foField, orderField, orderSortValue, text } from './search-fields.js';
import { nodeById } from './node.js';
import { connection, type ConnectionArgs } from '../connection.js';
import type { Args, GqlContext } from '../context.js';
import { matchSearch, parseSearch } from '../search-query.js';
import { fulfillmentOrderView } from '../views/fulfillment-order-view.js';
import { fulfillmentView } from '../views/fulfillment-view.js';
import { inventoryItemView, productView, variantView } from '../views/inventory-view.js';
import { fulfillmentServiceView, locationView } from '../views/location-view.js';
import { customerView, orderView, visibleOrder } from '../views/order-view.js';
import { returnView, returnableFulfillmentsView, reverseFulfillmentOrderView } from '../views/return-view.js';
import { bulkOperationView, shopView } from '../views/shop-view.js';

type Resolver = (args: Args, ctx: GqlContext) => unknown;

function typed(args: Args): ConnectionArgs & { query?: string | null; sortKey?: string } {
  return args as ConnectionArgs & { query?: string | null; sortKey?: string };
}

/** Root query fields the simulator implements; any other valid field answers "not simulated". */
export const queryRoot: Record<string, Resolver> = {
  shop: (_a, ctx) => shopView(ctx),
  node: (a, ctx) => nodeById(ctx, String(a.id)),
  nodes: (a, ctx) => (a.ids as string[]).map((id) => nodeById(ctx, id)),
  order: (a, ctx) => {
    const o = ctx.shop.orders.get(parseId(a.id, 'Order') ?? -1);
    return o && visibleOrder(ctx, o) ? orderView(ctx, o) : null;
  },
  orders: (a, ctx) => {
    const args = typed(a);
    const q = parseSearch(args.query);
    const now = ctx.core.clock.now();
    const list = [...ctx.shop.orders.values()].filter(
      (o) => visibleOrder(ctx, o) && matchSearch(q, (f) => orderField(ctx, o, f), now),
    );
    return connection(ctx, list, args, {
      id: (o) => o.id,
      sortValue: orderSortValue(args.sortKey),
      view: (o) => orderView(ctx, o),
    });
  },
  fulfillmentOrder: (a, ctx) => {
    const fo = ctx.shop.fulfillmentOrders.get(parseId(a.id, 'FulfillmentOrder') ?? -1);
    return fo ? fulfillmentOrderView(ctx, fo) : null;
  },
  fulfillmentOrders: (a, ctx) => {
    const args = a as ConnectionArgs & { includeClosed?: boolean; query?: string | null; sortKey?: string };
    const q = parseSearch(args.query);
    const now = ctx.core.clock.now();
    const list = [...ctx.shop.fulfillmentOrders.values()].filter(
      (fo) => (args.includeClosed || isFoActive(fo)) && matchSearch(q, (f) => foField(fo, f), now),
    );
    return connection(ctx, list, args, {
      id: (fo) => fo.id,
      sortValue: args.sortKey === 'UPDATED_AT' ? (fo) => fo.updatedAt : (fo) => fo.id,
      view: (fo) => fulfillmentOrderView(ctx, fo),
    });
  },
  assignedFulfillmentOrders: (a, ctx) => {
    const args = a as ConnectionArgs & {
      assignmentStatus?: string | null;
      locationIds?: string[] | null;
      sortKey?: string;
    };
    const own = new Set(
      [...ctx.shop.fulfillmentServices.values()].filter((fs) => fs.ownedByApp).map((fs) => fs.locationId),
    );
    const locs = args.locationIds ? new Set(args.locationIds.map((l) => parseId(l, 'Location'))) : null;
    const match = args.assignmentStatus ? ASSIGNMENT[args.assignmentStatus] : undefined;
    const list = [...ctx.shop.fulfillmentOrders.values()].filter(
      (fo) =>
        own.has(fo.assignedLocationId) &&
        fo.status !== 'CLOSED' &&
        (!locs || locs.has(fo.assignedLocationId)) &&
        (!match || match(fo)),
    );
    return connection(ctx, list, args, {
      id: (fo) => fo.id,
      sortValue: args.sortKey === 'UPDATED_AT' ? (fo) => fo.updatedAt : (fo) => fo.id,
      view: (fo) => fulfillmentOrderView(ctx, fo),
    });
  },
  fulfillment: (a, ctx) => {
    const f = ctx.shop.fulfillments.get(parseId(a.id, 'Fulfillment') ?? -1);
    return f ? fulfillmentView(ctx, f) : null;
  },
  fulfillmentService: (a, ctx) => {
    const fs = ctx.shop.fulfillmentServices.get(parseId(a.id, 'FulfillmentService') ?? -1);
    return fs ? fulfillmentServiceView(ctx, fs) : null;
  },
  location: (a, ctx) => {
    if (a.id === undefined || a.id === null) {
      const first = ctx.shop.locationRanking[0];
      const loc = first === undefined ? undefined : ctx.shop.locations.get(first);
      return loc ? locationView(ctx, loc) : null;
    }
    const loc = ctx.shop.locations.get(parseId(a.id, 'Location') ?? -1);
    return loc ? locationView(ctx, loc) : null;
  },
  locations: (a, ctx) => {
    const args = a as ConnectionArgs & {
      includeInactive?: boolean;
      includeLegacy?: boolean;
      query?: string | null;
      sortKey?: string;
    };
    const q = parseSearch(args.query);
    const now = ctx.core.clock.now();
    const list = [...ctx.shop.locations.values()].filter(
      (l) =>
        (args.includeInactive || l.isActive) &&
        (args.includeLegacy || l.fulfillmentServiceId === null) &&
        matchSearch(
          q,
          (f) =>
            f === 'name' || f === 'default'
              ? text(l.name)
              : f === 'active'
                ? { kind: 'bool', value: l.isActive }
                : f === 'id'
                  ? { kind: 'number', value: l.id }
                  : f === 'fulfills_online_orders'
                    ? { kind: 'bool', value: l.fulfillsOnlineOrders }
                    : undefined,
          now,
        ),
    );
    return connection(ctx, list, args, {
      id: (l) => l.id,
      sortValue: args.sortKey === 'ID' ? (l) => l.id : (l) => l.name.toLowerCase(),
      view: (l) => locationView(ctx, l),
    });
  },
  product: (a, ctx) => {
    const p = ctx.shop.products.get(parseId(a.id, 'Product') ?? -1);
    return p ? productView(ctx, p) : null;
  },
  products: (a, ctx) => {
    const args = typed(a);
    const q = parseSearch(args.query);
    const now = ctx.core.clock.now();
    const list = [...ctx.shop.products.values()].filter((p) =>
      matchSearch(
        q,
        (f) => {
          if (f === 'title' || f === 'default') return text(p.title);
          if (f === 'sku') return text(...p.variantIds.map((id) => ctx.shop.variants.get(id)?.sku));
          if (f === 'status') return text(p.status.toLowerCase());
          if (f === 'vendor') return text(p.vendor);
          if (f === 'tag') return text(...p.tags);
          if (f === 'updated_at') return { kind: 'date', ms: p.updatedAt };
          if (f === 'created_at') return { kind: 'date', ms: p.createdAt };
          if (f === 'id') return { kind: 'number', value: p.id };
          return undefined;
        },
        now,
      ),
    );
    return connection(ctx, list, args, {
      id: (p) => p.id,
      sortValue:
        args.sortKey === 'TITLE' ? (p) => p.title : args.sortKey === 'UPDATED_AT' ? (p) => p.updatedAt : (p) => p.id,
      view: (p) => productView(ctx, p),
    });
  },
  productVariant: (a, ctx) => {
    const v = ctx.shop.variants.get(parseId(a.id, 'ProductVariant') ?? -1);
    return v ? variantView(ctx, v) : null;
  },
  productVariants: (a, ctx) => {
    const args = typed(a);
    const q = parseSearch(args.query);
    const now = ctx.core.clock.now();
    const list = [...ctx.shop.variants.values()].filter((v) =>
      matchSearch(
        q,
        (f) => {
          if (f === 'sku' || f === 'default') return text(v.sku);
          if (f === 'product_id') return { kind: 'number', value: v.productId };
          if (f === 'title') return text(v.title);
          if (f === 'barcode') return text(v.barcode);
          if (f === 'updated_at') return { kind: 'date', ms: v.updatedAt };
          if (f === 'id') return { kind: 'number', value: v.id };
          return undefined;
        },
        now,
      ),
    );
    return connection(ctx, list, args, {
      id: (v) => v.id,
      sortValue: args.sortKey === 'SKU' ? (v) => v.sku : (v) => v.id,
      view: (v) => variantView(ctx, v),
    });
  },
  inventoryItem: (a, ctx) => {
    const i = ctx.shop.inventoryItems.get(parseId(a.id, 'InventoryItem') ?? -1);
    return i ? inventoryItemView(ctx, i) : null;
  },
  inventoryItems: (a, ctx) => {
    const args = typed(a);
    const q = parseSearch(args.query);
    const now = ctx.core.clock.now();
    const list = [...ctx.shop.inventoryItems.values()].filter((i) =>
      matchSearch(
        q,
        (f) =>
          f === 'sku' || f === 'default'
            ? text(i.sku)
            : f === 'id'
              ? { kind: 'number', value: i.id }
              : f === 'updated_at'
                ? { kind: 'date', ms: i.updatedAt }
                : f === 'created_at'
                  ? { kind: 'date', ms: i.createdAt }
                  : undefined,
        now,
      ),
    );
    return connection(ctx, list, args, { id: (i) => i.id, view: (i) => inventoryItemView(ctx, i) });
  },
  inventoryLevel: (a, ctx) => nodeById(ctx, String(a.id)),
  customer: (a, ctx) => {
    const c = ctx.shop.customers.get(parseId(a.id, 'Customer') ?? -1);
    return c ? customerView(ctx, c) : null;
  },
  customers: (a, ctx) => {
    const args = typed(a);
    const q = parseSearch(args.query);
    const now = ctx.core.clock.now();
    const list = [...ctx.shop.customers.values()].filter((c) =>
      matchSearch(
        q,
        (f) =>
          f === 'email' || f === 'default' ? text(c.email) : f === 'id' ? { kind: 'number', value: c.id } : undefined,
        now,
      ),
    );
    return connection(ctx, list, args, { id: (c) => c.id, view: (c) => customerView(ctx, c) });
  },
  return: (a, ctx) => {
    const r = ctx.shop.returns.get(parseId(a.id, 'Return') ?? -1);
    return r ? returnView(ctx, r) : null;
  },
  reverseFulfillmentOrder: (a, ctx) => {
    const r = ctx.shop.reverseFulfillmentOrders.get(parseId(a.id, 'ReverseFulfillmentOrder') ?? -1);
    return r ? reverseFulfillmentOrderView(ctx, r) : null;
  },
  returnableFulfillments: (a, ctx) => {
    const o = ctx.shop.orders.get(parseId(a.orderId, 'Order') ?? -1);
    if (!o || !visibleOrder(ctx, o)) return connection(ctx, [], a as ConnectionArgs, { id: () => 0, view: () => ({}) });
    return returnableFulfillmentsView(ctx, o, a as ConnectionArgs);
  },
  bulkOperation: (a, ctx) => {
    const b = ctx.shop.bulkOperations.get(parseId(a.id, 'BulkOperation') ?? -1);
    return b ? bulkOperationView(ctx, b) : null;
  },
  bulkOperations: (a, ctx) => {
    const args = typed(a);
    const q = parseSearch(args.query);
    const now = ctx.core.clock.now();
    const list = [...ctx.shop.bulkOperations.values()].filter((b) =>
      matchSearch(
        q,
        (f) =>
          f === 'status'
            ? text(b.status.toLowerCase())
            : f === 'operation_type'
              ? text('query')
              : f === 'created_at'
                ? { kind: 'date', ms: b.createdAt }
                : f === 'id'
                  ? { kind: 'number', value: b.id }
                  : undefined,
        now,
      ),
    );
    return connection(ctx, list, args, {
      id: (b) => b.id,
      sortValue: (b) => b.createdAt,
      view: (b) => bulkOperationView(ctx, b),
    });
  },
  currentBulkOperation: (_a, ctx) => {
    const list = [...ctx.shop.bulkOperations.values()].sort((x, y) => y.createdAt - x.createdAt || y.id - x.id);
    const b = list[0];
    return b ? bulkOperationView(ctx, b) : null;
  },
};
