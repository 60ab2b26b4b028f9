import type { Address } from '../../domain/address.js';
import { promisedDeliveryDate } from '../../domain/orders/checkout-promise.js';
import type { IncomingOrder } from '../../domain/orders/incoming-order.js';
import type { GqlLineItem, GqlOrder } from './operations/orders.js';
import { gid, type RestOrder } from './rest-payloads.js';

type RestAddress = NonNullable<RestOrder['shipping_address']>;

function address(a: RestAddress | null | undefined): Address | null {
  if (!a) return null;
  const name = a.name ?? ([a.first_name, a.last_name].filter(Boolean).join(' ') || null);
  return {
    name,
    company: a.company,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    zip: a.zip,
    countryCode: a.country_code,
    phone: a.phone,
    latitude: a.latitude,
    longitude: a.longitude,
  };
}

const rate = (s: { code: string | null; title: string | null } | null | undefined) =>
  s ? { code: s.code, title: s.title } : null;

/** A REST webhook order (orders/create, updated, paid, cancelled) as an IncomingOrder. */
export function normalizeRestOrder(o: RestOrder): IncomingOrder {
  return {
    channel: 'shopify',
    externalId: o.admin_graphql_api_id ?? gid('Order', o.id),
    name: o.name,
    email: o.email,
    customerExternalId: o.customer ? (o.customer.admin_graphql_api_id ?? gid('Customer', o.customer.id)) : null,
    customerLocale: o.customer_locale ?? null,
    financialStatus: o.financial_status ? o.financial_status.toUpperCase() : null,
    currency: o.currency ?? 'EUR',
    totalPrice: o.total_price,
    tags: (o.tags ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    shippingAddress: address(o.shipping_address),
    shippingRate: rate((o.shipping_lines ?? []).find((s) => !s.is_removed)),
    deliverBy: promisedDeliveryDate(o.note_attributes ?? []),
    placedAt: new Date(o.processed_at ?? o.created_at),
    updatedAt: new Date(o.updated_at),
    cancelledAt: o.cancelled_at ? new Date(o.cancelled_at) : null,
    fulfilled: o.fulfillment_status === 'fulfilled',
    lines: o.line_items.map((li) => ({
      externalId: li.admin_graphql_api_id ?? gid('LineItem', li.id),
      sku: li.sku || null,
      variantExternalId: li.variant_id ? gid('ProductVariant', li.variant_id) : null,
      title: li.title ?? li.name ?? '',
      quantity: li.quantity,
      currentQuantity: li.current_quantity ?? li.quantity,
      unitPrice: li.price,
      requiresShipping: li.requires_shipping ?? true,
    })),
  };
}

/** A GraphQL order (reconciliation, bulk import) as an IncomingOrder, the same shape webhooks give. */
export function normalizeGraphqlOrder(o: GqlOrder, lines: GqlLineItem[]): IncomingOrder {
  const a = o.shippingAddress;
  return {
    channel: 'shopify',
    externalId: o.id,
    name: o.name,
    email: o.email,
    customerExternalId: o.customer?.id ?? null,
    customerLocale: o.customerLocale ?? null,
    financialStatus: o.displayFinancialStatus,
    currency: o.currencyCode,
    totalPrice: o.totalPriceSet?.shopMoney.amount ?? '0',
    tags: o.tags,
    shippingAddress: a
      ? {
          name: a.name,
          company: a.company,
          address1: a.address1,
          address2: a.address2,
          city: a.city,
          province: a.province,
          zip: a.zip,
          countryCode: a.countryCodeV2,
          phone: a.phone,
          latitude: a.latitude,
          longitude: a.longitude,
        }
      : null,
    shippingRate: rate(o.shippingLine),
    deliverBy: promisedDeliveryDate((o.customAttributes ?? []).map((a) => ({ name: a.key, value: a.value }))),
    placedAt: new Date(o.processedAt ?? o.createdAt),
    updatedAt: new Date(o.updatedAt),
    cancelledAt: o.cancelledAt ? new Date(o.cancelledAt) : null,
    fulfilled: o.displayFulfillmentStatus === 'FULFILLED',
    lines: lines.map((l) => ({
      externalId: l.id,
      sku: l.sku || null,
      variantExternalId: l.variant?.id ?? null,
      title: l.title,
      quantity: l.quantity,
      currentQuantity: l.currentQuantity,
      unitPrice: l.originalUnitPriceSet?.shopMoney.amount ?? '0',
      requiresShipping: l.requiresShipping,
    })),
  };
}
