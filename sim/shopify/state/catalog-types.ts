import type { StoredQuantityName } from './types.js';

/** A postal address as the simulator keeps it (customer, order, location). */
export interface SimAddress {
  firstName: string;
  lastName: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string | null;
  provinceCode: string | null;
  zip: string;
  countryCode: string;
  phone: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** A product with its variants listed by id. */
export interface SimProduct {
  id: number;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  tags: string[];
  status: 'ACTIVE' | 'ARCHIVED' | 'DRAFT';
  variantIds: number[];
  createdAt: number;
  updatedAt: number;
}

/** A product variant; one inventory item each. */
export interface SimVariant {
  id: number;
  productId: number;
  title: string;
  sku: string;
  barcode: string | null;
  priceCents: number;
  grams: number;
  position: number;
  inventoryItemId: number;
  inventoryPolicy: 'DENY' | 'CONTINUE';
  options: { name: string; value: string }[];
  createdAt: number;
  updatedAt: number;
}

/** The stock-keeping side of a variant. */
export interface SimInventoryItem {
  id: number;
  variantId: number;
  sku: string;
  tracked: boolean;
  requiresShipping: boolean;
  unitCostCents: number | null;
  countryCodeOfOrigin: string | null;
  harmonizedSystemCode: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A location: merchant-managed, or the location of a fulfillment service. */
export interface SimLocation {
  id: number;
  name: string;
  address: SimAddress;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  shipsInventory: boolean;
  fulfillmentServiceId: number | null;
  createdAt: number;
  updatedAt: number;
  deactivatedAt: number | null;
}

/** One inventory item stocked at one location. */
export interface SimInventoryLevel {
  inventoryItemId: number;
  locationId: number;
  quantities: Record<StoredQuantityName, number>;
  /** When each stored quantity last changed. */
  quantityUpdatedAt: Record<StoredQuantityName, number>;
  isActive: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A fulfillment service (3PL) and the location Shopify created for it. */
export interface SimFulfillmentService {
  id: number;
  name: string;
  handle: string;
  callbackUrl: string | null;
  inventoryManagement: boolean;
  trackingSupport: boolean;
  requiresShippingMethod: boolean;
  locationId: number;
  /** True when the app under test registered it, so its FOs show in assignedFulfillmentOrders. */
  ownedByApp: boolean;
}

/** A customer. */
export interface SimCustomer {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  defaultAddressId: number;
  defaultAddress: SimAddress;
  tags: string[];
  createdAt: number;
  updatedAt: number;
}
