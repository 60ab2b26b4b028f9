import countries from 'i18n-iso-countries';
import { z } from 'zod';
import type { IncomingOrder } from '../../../domain/orders/incoming-order.js';
import type { ChannelOrder } from '../channel.js';

const text = z.string().nullish();
const addressSchema = z
  .object({
    firstname: text,
    lastname: text,
    company: text,
    street_1: text,
    street_2: text,
    zip_code: text,
    city: text,
    country_iso_code: text,
    phone: text,
    state: text,
  })
  .passthrough();

/** The OR11 fields the app reads; the rest of Mirakl's order is kept out on purpose. */
export const miraklOrderSchema = z
  .object({
    order_id: z.string().min(1),
    commercial_id: text,
    order_state: z.string(),
    created_date: z.string(),
    last_updated_date: z.string(),
    currency_iso_code: z.string().default('EUR'),
    total_price: z.number().default(0),
    customer: z.object({ customer_id: text, shipping_address: addressSchema.nullish() }).passthrough().nullish(),
    shipping_pudo_id: text,
    order_lines: z.array(
      z
        .object({
          order_line_id: z.string().min(1),
          offer_sku: z.string().nullish(),
          product_title: text,
          quantity: z.number().int().nonnegative(),
          order_line_state: z.string(),
          price_unit: z.number().nullish(),
          price: z.number().nullish(),
        })
        .passthrough(),
    ),
  })
  .passthrough();
export type MiraklOrderDto = z.infer<typeof miraklOrderSchema>;

export const miraklOrderListSchema = z.object({
  orders: z.array(miraklOrderSchema),
  total_count: z.number().int().nonnegative(),
});

const PAID = new Set(['SHIPPING', 'SHIPPED', 'TO_COLLECT', 'RECEIVED', 'CLOSED', 'INCIDENT_OPEN', 'INCIDENT_CLOSED']);
const GONE = new Set(['CANCELED', 'REFUSED']);
const SHIPPED = new Set(['SHIPPED', 'TO_COLLECT', 'RECEIVED', 'CLOSED']);

/** Mirakl gives ISO 3166 alpha-3 ("FRA"); the app stores alpha-2 like every other channel. */
function alpha2(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code.length === 2) return code.toUpperCase();
  return countries.alpha3ToAlpha2(code.toUpperCase()) ?? null;
}

/**
 * An OR11 order in the app's shape. Only SHIPPING means the buyer was debited, so earlier
 * states read as unpaid and routing holds them; CANCELED and REFUSED cancel the order.
 */
export function toChannelOrder(channel: string, o: MiraklOrderDto): ChannelOrder {
  const a = o.customer?.shipping_address;
  const gone = GONE.has(o.order_state);
  const order: IncomingOrder = {
    channel,
    externalId: o.order_id,
    name: o.order_id,
    email: null,
    customerExternalId: o.customer?.customer_id ?? null,
    financialStatus: PAID.has(o.order_state) ? 'PAID' : gone ? 'VOIDED' : 'PENDING',
    currency: o.currency_iso_code,
    totalPrice: o.total_price.toFixed(2),
    tags: o.shipping_pudo_id ? [`pudo:${o.shipping_pudo_id}`] : [],
    shippingAddress: a
      ? {
          name: [a.firstname, a.lastname].filter(Boolean).join(' ') || null,
          company: a.company ?? null,
          address1: a.street_1 ?? null,
          address2: a.street_2 ?? null,
          city: a.city ?? null,
          province: a.state ?? null,
          zip: a.zip_code ?? null,
          countryCode: alpha2(a.country_iso_code),
          phone: a.phone ?? null,
        }
      : null,
    placedAt: new Date(o.created_date),
    updatedAt: new Date(o.last_updated_date),
    cancelledAt: gone ? new Date(o.last_updated_date) : null,
    fulfilled: SHIPPED.has(o.order_state),
    lines: o.order_lines.map((l) => ({
      externalId: l.order_line_id,
      sku: l.offer_sku ?? null,
      variantExternalId: null,
      title: l.product_title ?? l.offer_sku ?? '',
      quantity: l.quantity,
      currentQuantity: GONE.has(l.order_line_state) ? 0 : l.quantity,
      unitPrice: (l.price_unit ?? (l.price ?? 0) / Math.max(1, l.quantity)).toFixed(2),
      requiresShipping: true,
    })),
  };
  return {
    order,
    state: o.order_state,
    awaitingAcceptance: o.order_state === 'WAITING_ACCEPTANCE',
    versionKey: `${o.order_id}@${o.last_updated_date}`,
  };
}
