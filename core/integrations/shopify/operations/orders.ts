/** Admin GraphQL operations on orders (validated against the 2026-07 schema by the simulator). */

export const ORDER_FIELDS = `
  id name email createdAt processedAt updatedAt cancelledAt
  displayFinancialStatus displayFulfillmentStatus currencyCode tags customerLocale
  customer { id }
  totalPriceSet { shopMoney { amount } }
  shippingAddress { name company address1 address2 city province zip countryCodeV2 phone latitude longitude }
  shippingLine { code title }
  customAttributes { key value }`;

export const LINE_ITEM_FIELDS = `id sku title quantity currentQuantity requiresShipping variant { id } originalUnitPriceSet { shopMoney { amount } }`;

export const ORDERS_UPDATED_SINCE = `query OrdersUpdatedSince($query: String!, $after: String) {
  orders(first: 8, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { ${ORDER_FIELDS} lineItems(first: 25) { nodes { ${LINE_ITEM_FIELDS} } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The body of the bulk query for order history (no pagination arguments in bulk queries). */
export const bulkOrdersQuery = (since: Date) => `{
  orders(query: "created_at:>='${since.toISOString()}'") {
    edges { node { ${ORDER_FIELDS} lineItems { edges { node { ${LINE_ITEM_FIELDS} } } } } }
  }
}`;

/** The shape ORDER_FIELDS + LINE_ITEM_FIELDS produce. */
export interface GqlOrder {
  id: string;
  name: string;
  email: string | null;
  createdAt: string;
  processedAt: string | null;
  updatedAt: string;
  cancelledAt: string | null;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string | null;
  currencyCode: string;
  tags: string[];
  customerLocale?: string | null;
  customer: { id: string } | null;
  totalPriceSet: { shopMoney: { amount: string } } | null;
  shippingLine?: { code: string | null; title: string | null } | null;
  customAttributes?: { key: string; value: string | null }[];
  shippingAddress: {
    name: string | null;
    company: string | null;
    address1: string | null;
    address2: string | null;
    city: string | null;
    province: string | null;
    zip: string | null;
    countryCodeV2: string | null;
    phone: string | null;
    latitude: number | null;
    longitude: number | null;
  } | null;
}

export interface GqlLineItem {
  id: string;
  sku: string | null;
  title: string;
  quantity: number;
  currentQuantity: number;
  requiresShipping: boolean;
  variant: { id: string } | null;
  originalUnitPriceSet: { shopMoney: { amount: string } } | null;
}

export interface OrdersPage {
  orders: {
    nodes: (GqlOrder & { lineItems: { nodes: GqlLineItem[] } })[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
