import { signBody } from '../../core/integrations/shopify/hmac.js';

export const BENCH_SECRET = 'bench-secret';

/** A ~3.5 KB orders/create body, the size the performance notes measure with. */
export function benchBody(): { body: string; hmac: string } {
  const lineItems = Array.from({ length: 6 }, (_, i) => ({
    id: 1000 + i,
    admin_graphql_api_id: `gid://shopify/LineItem/${1000 + i}`,
    sku: `SKU-${i}`,
    quantity: 1 + (i % 3),
    price: '19.90',
    title: `Produit de démonstration ${i}`,
    variant_id: 5000 + i,
    product_id: 7000 + i,
    requires_shipping: true,
    fulfillable_quantity: 1,
    fulfillment_status: null,
    vendor: 'Maison Exemple',
    grams: 250,
  }));
  const order = {
    id: 820982911946154,
    admin_graphql_api_id: 'gid://shopify/Order/820982911946154',
    name: '#1001',
    email: 'client@example.fr',
    created_at: '2026-11-22T10:00:00+01:00',
    updated_at: '2026-11-22T10:00:00+01:00',
    currency: 'EUR',
    financial_status: 'paid',
    fulfillment_status: null,
    tags: 'vip, fr',
    total_price: '119.40',
    shipping_address: {
      first_name: 'Camille',
      last_name: 'Durand',
      address1: '12 rue de la Paix',
      city: 'Paris',
      zip: '75002',
      country_code: 'FR',
      latitude: 48.8686,
      longitude: 2.3316,
      phone: '+33 1 23 45 67 89',
    },
    line_items: lineItems,
    shipping_lines: [{ code: 'standard', title: 'Colissimo', price: '4.90' }],
    note: 'Merci de livrer en point relais si absent.'.repeat(8),
  };
  const body = JSON.stringify(order);
  return { body, hmac: signBody(body, BENCH_SECRET) };
}
