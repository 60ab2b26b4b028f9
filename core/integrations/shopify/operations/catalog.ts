/** The shop's identity: name, currency, time zone and language the admin shows. */
export const SHOP_INFO = `query ShopInfo {
  shop { name email currencyCode ianaTimezone shopAddress { countryCodeV2 } }
}`;
export interface ShopInfo {
  shop: {
    name: string;
    email: string | null;
    currencyCode: string;
    ianaTimezone: string;
    shopAddress: { countryCodeV2: string | null } | null;
  };
}

/** Locations, variants, inventory items and levels: what the initial import reads. */

export const LOCATIONS = `query Locations($after: String) {
  locations(first: 100, after: $after, includeInactive: true) {
    nodes { id name isActive isFulfillmentService address { address1 address2 city provinceCode zip countryCode latitude longitude } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface GqlLocation {
  id: string;
  name: string;
  isActive: boolean;
  isFulfillmentService: boolean;
  address: {
    address1: string | null;
    address2: string | null;
    city: string | null;
    provinceCode: string | null;
    zip: string | null;
    countryCode: string | null;
    latitude: number | null;
    longitude: number | null;
  };
}

export interface LocationsPage {
  locations: { nodes: GqlLocation[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export const BULK_CATALOG_QUERY = `{
  productVariants {
    edges { node {
      id sku title price
      product { id title vendor }
      inventoryItem { id tracked unitCost { amount }
        inventoryLevels { edges { node { id location { id } quantities(names: ["available", "on_hand"]) { name quantity } } } } }
    } }
  }
}`;

export interface BulkVariantLine {
  id: string;
  sku: string | null;
  title: string;
  price: string;
  product: { id: string; title: string; vendor: string | null };
  inventoryItem: { id: string; tracked: boolean; unitCost: { amount: string } | null };
}

export interface BulkInventoryLevelLine {
  id: string;
  location: { id: string };
  quantities: { name: string; quantity: number }[];
  __parentId: string;
}

/** The daily catalogue reconciliation: every variant, a page at a time (no inventory levels). */
export const CATALOG_VARIANTS = `query CatalogVariants($after: String) {
  productVariants(first: 100, after: $after) {
    nodes { id sku title price product { id title vendor updatedAt } inventoryItem { id unitCost { amount } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface CatalogVariantsPage {
  productVariants: {
    nodes: {
      id: string;
      sku: string | null;
      title: string;
      price: string;
      product: { id: string; title: string; vendor: string | null; updatedAt: string };
      inventoryItem: { id: string; unitCost: { amount: string } | null };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
