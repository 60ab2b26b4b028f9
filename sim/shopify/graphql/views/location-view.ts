import { gid } from '../../core/ids.js';
import { countryName } from '../../state/countries.js';
import { getLevel } from '../../state/inventory.js';
import { isFoActive } from '../../state/order-status.js';
import type { SimFulfillmentService, SimLocation } from '../../state/types.js';
import { parseId } from '../../core/ids.js';
import { connection, type ConnectionArgs } from '../connection.js';
import type { GqlContext, View } from '../context.js';
import { dt, u64 } from './common-view.js';
import { inventoryLevelView } from './inventory-view.js';

export function locationAddressView(loc: SimLocation): View {
  const a = loc.address;
  return {
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    country: countryName(a.countryCode),
    countryCode: a.countryCode,
    formatted: [a.address1, a.address2, `${a.zip} ${a.city}`, countryName(a.countryCode)].filter(
      (x): x is string => !!x,
    ),
    latitude: a.latitude,
    longitude: a.longitude,
    phone: a.phone,
    province: a.province,
    provinceCode: a.provinceCode,
    zip: a.zip,
  };
}

export function fulfillmentServiceView(ctx: GqlContext, fs: SimFulfillmentService): View {
  return {
    __typename: 'FulfillmentService',
    id: `${gid('FulfillmentService', fs.id)}?id=true`,
    callbackUrl: fs.callbackUrl,
    handle: fs.handle,
    serviceName: fs.name,
    inventoryManagement: fs.inventoryManagement,
    trackingSupport: fs.trackingSupport,
    requiresShippingMethod: fs.requiresShippingMethod,
    type: 'THIRD_PARTY',
    location: () => {
      const loc = ctx.shop.locations.get(fs.locationId);
      return loc ? locationView(ctx, loc) : null;
    },
  };
}

export function locationView(ctx: GqlContext, loc: SimLocation): View {
  const levels = (includeInactive: boolean) =>
    [...ctx.shop.levels.values()].filter((l) => l.locationId === loc.id && (includeInactive || l.isActive));
  const hasUnfulfilled = (): boolean =>
    [...ctx.shop.fulfillmentOrders.values()].some((fo) => fo.assignedLocationId === loc.id && isFoActive(fo));
  return {
    __typename: 'Location',
    id: gid('Location', loc.id),
    legacyResourceId: u64(loc.id),
    name: loc.name,
    address: locationAddressView(loc),
    addressVerified: loc.address.latitude !== null,
    isActive: loc.isActive,
    activatable: !loc.isActive,
    deactivatable: loc.isActive,
    deletable: !loc.isActive,
    deactivatedAt: dt(loc.deactivatedAt),
    fulfillsOnlineOrders: loc.fulfillsOnlineOrders,
    shipsInventory: loc.shipsInventory,
    isFulfillmentService: loc.fulfillmentServiceId !== null,
    hasActiveInventory: () => levels(false).length > 0,
    hasUnfulfilledOrders: hasUnfulfilled,
    createdAt: dt(loc.createdAt),
    updatedAt: dt(loc.updatedAt),
    fulfillmentService: () => {
      const fs = loc.fulfillmentServiceId ? ctx.shop.fulfillmentServices.get(loc.fulfillmentServiceId) : undefined;
      return fs ? fulfillmentServiceView(ctx, fs) : null;
    },
    inventoryLevel: (args: { inventoryItemId: string }) => {
      const itemId = parseId(args.inventoryItemId, 'InventoryItem');
      const level = itemId === undefined ? undefined : getLevel(ctx.shop, itemId, loc.id);
      return level ? inventoryLevelView(ctx, level) : null;
    },
    inventoryLevels: (args: ConnectionArgs & { includeInactive?: boolean }) =>
      connection(ctx, levels(args.includeInactive === true), args, {
        id: (l) => l.inventoryItemId,
        view: (l) => inventoryLevelView(ctx, l),
      }),
  };
}
