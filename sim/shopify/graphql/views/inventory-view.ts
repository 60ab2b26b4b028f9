import { GraphQLError } from 'graphql';
import { gid, parseId } from '../../core/ids.js';
import { getLevel, quantityOf } from '../../state/inventory.js';
import { SIM_APP_ID } from '../../webhooks/payloads/fulfillment-order-payload.js';
import {
  QUANTITY_NAMES,
  type QuantityName,
  type SimAdjustmentGroup,
  type SimInventoryItem,
  type SimInventoryLevel,
  type SimProduct,
  type SimVariant,
} from '../../state/types.js';
import { connection, count, type ConnectionArgs } from '../connection.js';
import type { GqlContext, View } from '../context.js';
import { decimal, dt, money, u64 } from './common-view.js';
import { locationView } from './location-view.js';

export function levelGid(level: SimInventoryLevel): string {
  return `gid://shopify/InventoryLevel/${level.locationId}?inventory_item_id=${level.inventoryItemId}`;
}

export function inventoryLevelView(ctx: GqlContext, level: SimInventoryLevel): View {
  return {
    __typename: 'InventoryLevel',
    id: levelGid(level),
    isActive: level.isActive,
    canDeactivate: level.quantities.committed === 0,
    deactivationAlert: null,
    createdAt: dt(level.createdAt),
    updatedAt: dt(level.updatedAt),
    item: () => {
      const item = ctx.shop.inventoryItems.get(level.inventoryItemId);
      if (!item) throw new GraphQLError('inventory item missing');
      return inventoryItemView(ctx, item);
    },
    location: () => {
      const loc = ctx.shop.locations.get(level.locationId);
      if (!loc) throw new GraphQLError('location missing');
      return locationView(ctx, loc);
    },
    quantities: (args: { names: string[] }) =>
      args.names.map((name) => {
        if (!(QUANTITY_NAMES as readonly string[]).includes(name))
          throw new GraphQLError(`Invalid quantity name: '${name}'. Valid names: ${QUANTITY_NAMES.join(', ')}.`, {
            extensions: { code: 'BAD_REQUEST' },
          });
        const n = name as QuantityName;
        const updated = n === 'on_hand' ? level.updatedAt : level.quantityUpdatedAt[n];
        return {
          __typename: 'InventoryQuantity',
          id: `gid://shopify/InventoryQuantity/${level.locationId}?inventory_item_id=${level.inventoryItemId}&name=${n}`,
          name: n,
          quantity: quantityOf(level, n),
          updatedAt: dt(updated),
        };
      }),
  };
}

export function inventoryItemView(ctx: GqlContext, item: SimInventoryItem): View {
  const levels = (includeInactive: boolean) =>
    [...ctx.shop.levels.values()].filter((l) => l.inventoryItemId === item.id && (includeInactive || l.isActive));
  return {
    __typename: 'InventoryItem',
    id: gid('InventoryItem', item.id),
    legacyResourceId: u64(item.id),
    sku: item.sku,
    tracked: item.tracked,
    requiresShipping: item.requiresShipping,
    countryCodeOfOrigin: item.countryCodeOfOrigin,
    harmonizedSystemCode: item.harmonizedSystemCode,
    provinceCodeOfOrigin: null,
    duplicateSkuCount: 0,
    createdAt: dt(item.createdAt),
    updatedAt: dt(item.updatedAt),
    inventoryHistoryUrl: `https://admin.shopify.com/store/${ctx.shop.domain.replace('.myshopify.com', '')}/products/inventory/${item.id}/inventory_history`,
    unitCost: item.unitCostCents === null ? null : money(ctx, item.unitCostCents),
    locationsCount: () => count(levels(false).length),
    inventoryLevel: (args: { locationId: string; includeInactive?: boolean }) => {
      const locId = parseId(args.locationId, 'Location');
      const level = locId === undefined ? undefined : getLevel(ctx.shop, item.id, locId);
      return level && (level.isActive || args.includeInactive) ? inventoryLevelView(ctx, level) : null;
    },
    inventoryLevels: (args: ConnectionArgs & { includeInactive?: boolean }) =>
      connection(ctx, levels(args.includeInactive === true), args, {
        id: (l) => l.locationId,
        view: (l) => inventoryLevelView(ctx, l),
      }),
    variants: (args: ConnectionArgs) => {
      const v = ctx.shop.variants.get(item.variantId);
      return connection(ctx, v ? [v] : [], args, { id: (x) => x.id, view: (x) => variantView(ctx, x) });
    },
    variant: () => {
      const v = ctx.shop.variants.get(item.variantId);
      return v ? variantView(ctx, v) : null;
    },
  };
}

function totalAvailable(ctx: GqlContext, itemId: number): number {
  let n = 0;
  for (const l of ctx.shop.levels.values()) if (l.inventoryItemId === itemId && l.isActive) n += l.quantities.available;
  return n;
}

export function variantView(ctx: GqlContext, v: SimVariant): View {
  return {
    __typename: 'ProductVariant',
    id: gid('ProductVariant', v.id),
    legacyResourceId: u64(v.id),
    title: v.title,
    displayName: () => `${ctx.shop.products.get(v.productId)?.title ?? ''} - ${v.title}`,
    sku: v.sku,
    barcode: v.barcode,
    price: decimal(v.priceCents),
    compareAtPrice: null,
    position: v.position,
    taxable: ctx.shop.taxRate > 0,
    inventoryPolicy: v.inventoryPolicy,
    inventoryQuantity: () => totalAvailable(ctx, v.inventoryItemId),
    sellableOnlineQuantity: () => Math.max(0, totalAvailable(ctx, v.inventoryItemId)),
    availableForSale: () => v.inventoryPolicy === 'CONTINUE' || totalAvailable(ctx, v.inventoryItemId) > 0,
    selectedOptions: v.options.map((o) => ({ name: o.name, value: o.value, optionValue: null })),
    createdAt: dt(v.createdAt),
    updatedAt: dt(v.updatedAt),
    inventoryItem: () => {
      const item = ctx.shop.inventoryItems.get(v.inventoryItemId);
      if (!item) throw new GraphQLError('inventory item missing');
      return inventoryItemView(ctx, item);
    },
    product: () => {
      const p = ctx.shop.products.get(v.productId);
      if (!p) throw new GraphQLError('product missing');
      return productView(ctx, p);
    },
  };
}

export function productView(ctx: GqlContext, p: SimProduct): View {
  const variants = () => p.variantIds.map((id) => ctx.shop.variants.get(id)).filter((x) => x !== undefined);
  return {
    __typename: 'Product',
    id: gid('Product', p.id),
    legacyResourceId: u64(p.id),
    title: p.title,
    handle: p.handle,
    vendor: p.vendor,
    productType: p.productType,
    tags: p.tags,
    status: p.status,
    createdAt: dt(p.createdAt),
    updatedAt: dt(p.updatedAt),
    publishedAt: dt(p.createdAt),
    description: () => '',
    descriptionHtml: '',
    isGiftCard: false,
    hasOnlyDefaultVariant: () => variants().length === 1 && variants()[0]?.title === 'Default Title',
    hasOutOfStockVariants: () => variants().some((v) => totalAvailable(ctx, v.inventoryItemId) <= 0),
    tracksInventory: true,
    totalInventory: () => variants().reduce((s, v) => s + totalAvailable(ctx, v.inventoryItemId), 0),
    variantsCount: () => count(variants().length),
    variants: (args: ConnectionArgs) =>
      connection(ctx, variants(), args, {
        id: (v) => v.id,
        sortValue: (v) => v.position,
        view: (v) => variantView(ctx, v),
      }),
  };
}

export function adjustmentGroupView(ctx: GqlContext, g: SimAdjustmentGroup): View {
  return {
    __typename: 'InventoryAdjustmentGroup',
    id: gid('InventoryAdjustmentGroup', g.id),
    reason: g.reason,
    referenceDocumentUri: g.referenceDocumentUri,
    createdAt: dt(g.createdAt),
    app: () => appView(),
    staffMember: null,
    changes: (args: {
      inventoryItemIds?: string[] | null;
      locationIds?: string[] | null;
      quantityNames?: string[] | null;
    }) =>
      g.changes
        .filter((c) => !args.quantityNames || args.quantityNames.includes(c.name))
        .filter(
          (c) =>
            !args.inventoryItemIds ||
            args.inventoryItemIds.some((i) => parseId(i, 'InventoryItem') === c.inventoryItemId),
        )
        .filter((c) => !args.locationIds || args.locationIds.some((i) => parseId(i, 'Location') === c.locationId))
        .map((c) => ({
          name: c.name,
          delta: c.delta,
          quantityAfterChange: c.quantityAfterChange,
          ledgerDocumentUri: c.ledgerDocumentUri,
          item: () => {
            const item = ctx.shop.inventoryItems.get(c.inventoryItemId);
            return item ? inventoryItemView(ctx, item) : null;
          },
          location: () => {
            const loc = ctx.shop.locations.get(c.locationId);
            return loc ? locationView(ctx, loc) : null;
          },
        })),
  };
}

/** The simulated app (App). */
export function appView(): View {
  return {
    __typename: 'App',
    id: gid('App', SIM_APP_ID),
    title: 'Routing Logistics',
    handle: 'routing-logistics',
    apiKey: '',
  };
}
