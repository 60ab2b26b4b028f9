import { gid } from '../../core/ids.js';
import { formatMoney } from '../../core/money.js';
import {
  fulfillableQuantity,
  lineFulfillmentStatus,
  orderRestFulfillmentStatus,
  orderTotals,
  taxIncluded,
} from '../../state/order-status.js';
import type { SimLineItem, SimOrder, SimShop } from '../../state/types.js';
import { moneySet, restAddress, restTime, restTimeOrNull } from './common.js';
import { fulfillmentResource } from './fulfillment-payload.js';
import { countryName } from '../../state/countries.js';

function taxLines(shop: SimShop, grossCents: number, integerRate: boolean): object[] {
  if (shop.taxRate <= 0) return [];
  const tax = taxIncluded(grossCents, shop.taxRate);
  // the schema of nested fulfillment lines types rate as an integer; those lines carry no tax lines
  if (integerRate) return [];
  return [
    {
      channel_liable: false,
      price: formatMoney(tax),
      price_set: moneySet(tax, shop.currency),
      rate: shop.taxRate,
      title: 'TVA',
    },
  ];
}

/** REST line item as orders/* and fulfillments/* carry it. */
export function restLineItem(
  shop: SimShop,
  order: SimOrder,
  li: SimLineItem,
  opts: { quantity?: number; nested?: boolean } = {},
): Record<string, unknown> {
  const quantity = opts.quantity ?? li.quantity;
  return {
    id: li.id,
    admin_graphql_api_id: gid('LineItem', li.id),
    attributed_staffs: [],
    current_quantity: li.currentQuantity,
    discount_allocations: [],
    duties: [],
    fulfillable_quantity: fulfillableQuantity(shop, order, li.id),
    fulfillment_service: 'manual',
    fulfillment_status: opts.nested ? 'fulfilled' : lineFulfillmentStatus(shop, order, li),
    gift_card: false,
    grams: li.grams,
    name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
    price: formatMoney(li.priceCents),
    price_set: moneySet(li.priceCents, shop.currency),
    product_exists: li.productId !== null,
    product_id: li.productId,
    properties: [],
    quantity,
    requires_shipping: li.requiresShipping,
    sales_line_item_group_id: null,
    sku: li.sku,
    tax_lines: taxLines(shop, li.priceCents * quantity, opts.nested === true),
    taxable: shop.taxRate > 0,
    title: li.title,
    total_discount: '0.00',
    total_discount_set: moneySet(0, shop.currency),
    variant_id: li.variantId,
    variant_inventory_management: 'shopify',
    variant_title: li.variantTitle,
    vendor: li.vendor,
  };
}

function restCustomer(shop: SimShop, order: SimOrder): Record<string, unknown> {
  const c = shop.customers.get(order.customerId);
  if (!c) throw new Error(`customer ${order.customerId} missing`);
  const a = c.defaultAddress;
  return {
    id: c.id,
    email: c.email,
    created_at: restTime(shop, c.createdAt),
    updated_at: restTime(shop, c.updatedAt),
    first_name: c.firstName,
    last_name: c.lastName,
    state: 'disabled',
    note: null,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    phone: c.phone,
    currency: shop.currency,
    tax_exemptions: [],
    admin_graphql_api_id: gid('Customer', c.id),
    default_address: {
      id: c.defaultAddressId,
      customer_id: c.id,
      first_name: a.firstName,
      last_name: a.lastName,
      company: a.company,
      address1: a.address1,
      address2: a.address2,
      city: a.city,
      province: a.province ?? '',
      country: countryName(a.countryCode),
      zip: a.zip,
      phone: a.phone ?? '',
      name: `${a.firstName} ${a.lastName}`,
      province_code: a.provinceCode ?? '',
      country_code: a.countryCode,
      country_name: countryName(a.countryCode),
      default: true,
    },
  };
}

/** The REST order every orders/* topic carries. */
export function orderPayload(shop: SimShop, order: SimOrder): Record<string, unknown> {
  const cur = shop.currency;
  const now = orderTotals(shop, order, true);
  const orig = orderTotals(shop, order, false);
  const fulfillments = order.fulfillmentIds
    .map((id) => shop.fulfillments.get(id))
    .filter((f) => f !== undefined)
    .map((f) => fulfillmentResource(shop, order, f, true));
  const outstanding =
    order.financialStatus === 'paid' || order.financialStatus === 'refunded' || order.financialStatus === 'voided'
      ? 0
      : now.total;
  return {
    id: order.id,
    admin_graphql_api_id: gid('Order', order.id),
    app_id: 580111,
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: order.cancelReason,
    cancelled_at: restTimeOrNull(shop, order.cancelledAt),
    cart_token: null,
    checkout_token: null,
    client_details: null,
    closed_at: restTimeOrNull(shop, order.closedAt),
    confirmation_number: order.token.slice(0, 9).toUpperCase(),
    confirmed: true,
    contact_email: order.email,
    created_at: restTime(shop, order.createdAt),
    currency: cur,
    current_shipping_price_set: moneySet(now.shipping, cur),
    current_subtotal_price: formatMoney(now.subtotal),
    current_subtotal_price_set: moneySet(now.subtotal, cur),
    current_total_additional_fees_set: null,
    current_total_discounts: '0.00',
    current_total_discounts_set: moneySet(0, cur),
    current_total_duties_set: null,
    current_total_price: formatMoney(now.total),
    current_total_price_set: moneySet(now.total, cur),
    current_total_tax: formatMoney(now.tax),
    current_total_tax_set: moneySet(now.tax, cur),
    customer_locale: order.customerLocale ?? shop.locale,
    device_id: null,
    discount_codes: [],
    duties_included: false,
    email: order.email,
    estimated_taxes: false,
    financial_status: order.financialStatus,
    fulfillment_status: orderRestFulfillmentStatus(shop, order),
    landing_site: null,
    landing_site_ref: null,
    location_id: null,
    merchant_business_entity_id: `MTU${shop.id}`,
    merchant_of_record_app_id: null,
    name: order.name,
    note: order.note,
    note_attributes: (order.noteAttributes ?? []).map((a) => ({ name: a.name, value: a.value })),
    number: order.number - 1000,
    order_number: order.number,
    order_status_url: `https://${shop.domain}/${shop.id}/orders/${order.token}/authenticate?key=${order.token}`,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    payment_gateway_names: ['shopify_payments'],
    payment_terms: null,
    phone: order.phone,
    po_number: null,
    presentment_currency: cur,
    processed_at: restTime(shop, order.processedAt),
    reference: null,
    referring_site: null,
    source_identifier: null,
    source_name: order.sourceName,
    source_url: null,
    subtotal_price: formatMoney(now.subtotal),
    subtotal_price_set: moneySet(now.subtotal, cur),
    tags: order.tags.join(', '),
    tax_exempt: false,
    tax_lines: taxLines(shop, now.total, false),
    taxes_included: shop.taxRate > 0,
    test: order.test,
    token: order.token,
    total_cash_rounding_payment_adjustment_set: moneySet(0, cur),
    total_cash_rounding_refund_adjustment_set: moneySet(0, cur),
    total_discounts: '0.00',
    total_discounts_set: moneySet(0, cur),
    total_line_items_price: formatMoney(orig.lineItemsTotal),
    total_line_items_price_set: moneySet(orig.lineItemsTotal, cur),
    total_outstanding: formatMoney(outstanding),
    total_price: formatMoney(now.total),
    total_price_set: moneySet(now.total, cur),
    total_shipping_price_set: moneySet(now.shipping, cur),
    total_tax: formatMoney(now.tax),
    total_tax_set: moneySet(now.tax, cur),
    total_tip_received: '0.00',
    total_weight: now.weightGrams,
    updated_at: restTime(shop, order.updatedAt),
    user_id: null,
    billing_address: restAddress(order.billingAddress),
    customer: restCustomer(shop, order),
    discount_applications: [],
    fulfillments,
    line_items: order.lineItems.map((li) => restLineItem(shop, order, li)),
    line_item_groups: [],
    refunds: [],
    returns: [],
    shipping_address: restAddress(order.shippingAddress),
    shipping_lines: order.shippingLines.map((s) => ({
      id: s.id,
      carrier_identifier: s.carrierIdentifier,
      code: s.code,
      current_discounted_price_set: moneySet(s.priceCents, cur),
      discount_allocations: [],
      discounted_price: formatMoney(s.priceCents),
      discounted_price_set: moneySet(s.priceCents, cur),
      is_removed: false,
      phone: null,
      price: formatMoney(s.priceCents),
      price_set: moneySet(s.priceCents, cur),
      requested_fulfillment_service_id: null,
      source: s.source,
      tax_lines: taxLines(shop, s.priceCents, false),
      title: s.title,
    })),
  };
}
