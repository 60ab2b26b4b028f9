import type { SimCore } from '../core/sim-core.js';
import type { SimAddress, SimFulfillmentService, SimLocation, SimShop } from '../state/types.js';
import { locationDeletePayload, locationPayload } from '../webhooks/payloads/location-payload.js';

/** A merchant-managed location to create. */
export interface LocationInput {
  name: string;
  address: Partial<SimAddress> & { address1: string; city: string; zip: string; countryCode: string };
  fulfillsOnlineOrders?: boolean;
  isActive?: boolean;
}

function fullAddress(shop: SimShop, a: LocationInput['address']): SimAddress {
  return {
    firstName: '',
    lastName: '',
    company: shop.name,
    address2: null,
    province: null,
    provinceCode: null,
    phone: null,
    latitude: null,
    longitude: null,
    ...a,
  };
}

function rankLast(shop: SimShop, loc: SimLocation): void {
  if (loc.fulfillmentServiceId === null && !shop.locationRanking.includes(loc.id)) shop.locationRanking.push(loc.id);
}

export function createLocation(core: SimCore, shop: SimShop, input: LocationInput): SimLocation {
  const now = core.clock.now();
  const loc: SimLocation = {
    id: core.ids.next(),
    name: input.name,
    address: fullAddress(shop, input.address),
    isActive: input.isActive ?? true,
    fulfillsOnlineOrders: input.fulfillsOnlineOrders ?? true,
    shipsInventory: true,
    fulfillmentServiceId: null,
    createdAt: now,
    updatedAt: now,
    deactivatedAt: null,
  };
  shop.locations.set(loc.id, loc);
  rankLast(shop, loc);
  core.events.emit(shop, 'locations/create', () => locationPayload(shop, loc));
  return loc;
}

/** Changes of a location; emits locations/update (and activate/deactivate when isActive flips). */
export interface LocationUpdate {
  name?: string;
  address?: Partial<SimAddress>;
  fulfillsOnlineOrders?: boolean;
  isActive?: boolean;
}

export function updateLocation(core: SimCore, shop: SimShop, loc: SimLocation, update: LocationUpdate): SimLocation {
  const now = core.clock.now();
  if (update.name !== undefined) loc.name = update.name;
  if (update.address) loc.address = { ...loc.address, ...update.address };
  if (update.fulfillsOnlineOrders !== undefined) loc.fulfillsOnlineOrders = update.fulfillsOnlineOrders;
  const flipped = update.isActive !== undefined && update.isActive !== loc.isActive;
  if (update.isActive !== undefined) {
    loc.isActive = update.isActive;
    loc.deactivatedAt = update.isActive ? null : now;
  }
  loc.updatedAt = now;
  core.events.emit(shop, 'locations/update', () => locationPayload(shop, loc));
  if (flipped)
    core.events.emit(shop, loc.isActive ? 'locations/activate' : 'locations/deactivate', () =>
      locationPayload(shop, loc),
    );
  return loc;
}

export function deleteLocation(core: SimCore, shop: SimShop, loc: SimLocation): void {
  shop.locations.delete(loc.id);
  shop.locationRanking = shop.locationRanking.filter((id) => id !== loc.id);
  for (const [key, level] of shop.levels) if (level.locationId === loc.id) shop.levels.delete(key);
  core.events.emit(shop, 'locations/delete', () => locationDeletePayload(loc));
}

/** A fulfillment service to register (fulfillmentServiceCreate or the control API). */
export interface FulfillmentServiceInput {
  name: string;
  callbackUrl?: string | null;
  inventoryManagement?: boolean;
  trackingSupport?: boolean;
  requiresShippingMethod?: boolean;
  ownedByApp?: boolean;
  /** Where the service's location is; Shopify uses the shop's address. */
  address?: LocationInput['address'];
}

export function createFulfillmentService(
  core: SimCore,
  shop: SimShop,
  input: FulfillmentServiceInput,
): SimFulfillmentService {
  const now = core.clock.now();
  const handle = input.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const serviceId = core.ids.next();
  const loc: SimLocation = {
    id: core.ids.next(),
    name: input.name,
    address: input.address ? fullAddress(shop, input.address) : { ...shop.address },
    isActive: true,
    fulfillsOnlineOrders: true,
    shipsInventory: true,
    fulfillmentServiceId: serviceId,
    createdAt: now,
    updatedAt: now,
    deactivatedAt: null,
  };
  const service: SimFulfillmentService = {
    id: serviceId,
    name: input.name,
    handle,
    callbackUrl: input.callbackUrl ?? null,
    inventoryManagement: input.inventoryManagement ?? false,
    trackingSupport: input.trackingSupport ?? false,
    requiresShippingMethod: input.requiresShippingMethod ?? true,
    locationId: loc.id,
    ownedByApp: input.ownedByApp ?? true,
  };
  shop.locations.set(loc.id, loc);
  shop.fulfillmentServices.set(serviceId, service);
  core.events.emit(shop, 'locations/create', () => locationPayload(shop, loc));
  return service;
}
