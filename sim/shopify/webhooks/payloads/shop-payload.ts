import { countryName } from '../../state/countries.js';
import type { SimBulkOperation, SimShop } from '../../state/types.js';
import { gid } from '../../core/ids.js';
import { restTime, restTimeOrNull } from './common.js';

function planDisplay(plan: SimShop['plan']): { name: string; display: string } {
  switch (plan) {
    case 'standard':
      return { name: 'basic', display: 'Basic' };
    case 'advanced':
      return { name: 'advanced', display: 'Advanced' };
    case 'plus':
      return { name: 'shopify_plus', display: 'Shopify Plus' };
    case 'enterprise':
      return { name: 'enterprise', display: 'Commerce Components' };
  }
}

/** The REST shop (app/uninstalled, shop/update). */
export function shopPayload(shop: SimShop): Record<string, unknown> {
  const a = shop.address;
  const plan = planDisplay(shop.plan);
  const primary = [...shop.locations.values()].find((l) => l.fulfillmentServiceId === null);
  const symbol = shop.currency === 'EUR' ? '€' : shop.currency === 'USD' ? '$' : shop.currency;
  return {
    id: shop.id,
    name: shop.name,
    email: shop.email,
    domain: shop.domain,
    province: a.province ?? '',
    country: a.countryCode,
    address1: a.address1,
    zip: a.zip,
    city: a.city,
    source: null,
    phone: a.phone ?? '',
    latitude: a.latitude,
    longitude: a.longitude,
    primary_locale: shop.locale,
    address2: a.address2,
    created_at: restTime(shop, shop.createdAt),
    updated_at: restTime(shop, shop.createdAt),
    country_code: a.countryCode,
    country_name: countryName(a.countryCode),
    currency: shop.currency,
    customer_email: shop.email,
    timezone: `(GMT${restTime(shop, shop.createdAt).slice(19)}) ${shop.timezone}`,
    iana_timezone: shop.timezone,
    shop_owner: `${a.firstName} ${a.lastName}`,
    money_format: `{{amount_with_comma_separator}} ${symbol}`,
    money_with_currency_format: `{{amount_with_comma_separator}} ${symbol} ${shop.currency}`,
    weight_unit: 'kg',
    province_code: a.provinceCode ?? '',
    taxes_included: shop.taxRate > 0,
    auto_configure_tax_inclusivity: null,
    tax_shipping: null,
    county_taxes: true,
    plan_display_name: plan.display,
    plan_name: plan.name,
    has_discounts: false,
    has_gift_cards: false,
    myshopify_domain: shop.domain,
    google_apps_domain: null,
    google_apps_login_enabled: null,
    money_in_emails_format: `{{amount_with_comma_separator}} ${symbol}`,
    money_with_currency_in_emails_format: `{{amount_with_comma_separator}} ${symbol} ${shop.currency}`,
    eligible_for_payments: true,
    requires_extra_payments_agreement: false,
    password_enabled: false,
    has_storefront: true,
    finances: true,
    primary_location_id: primary?.id ?? 0,
    checkout_api_supported: true,
    multi_location_enabled: true,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: [shop.currency],
    marketing_sms_consent_enabled_at_checkout: false,
    transactional_sms_disabled: false,
  };
}

/** bulk_operations/finish. */
export function bulkFinishPayload(shop: SimShop, op: SimBulkOperation): Record<string, unknown> {
  return {
    admin_graphql_api_id: gid('BulkOperation', op.id),
    completed_at: restTimeOrNull(shop, op.completedAt) ?? restTime(shop, op.createdAt),
    created_at: restTime(shop, op.createdAt),
    error_code: op.errorCode === null ? null : op.errorCode.toLowerCase(),
    status: op.status.toLowerCase(),
    type: 'query',
  };
}

/** What a compliance request names. */
export interface ComplianceInput {
  customerId?: number;
  email?: string;
  phone?: string;
  orderIds?: number[];
}

function complianceCustomer(
  shop: SimShop,
  input: ComplianceInput,
): { id: number; email: string; phone: string; orders: number[] } {
  const c = input.customerId !== undefined ? shop.customers.get(input.customerId) : [...shop.customers.values()][0];
  const id = c?.id ?? input.customerId ?? 0;
  const orders = input.orderIds ?? [...shop.orders.values()].filter((o) => o.customerId === id).map((o) => o.id);
  return { id, email: input.email ?? c?.email ?? 'customer@example.com', phone: input.phone ?? c?.phone ?? '', orders };
}

/** customers/data_request. */
export function dataRequestPayload(shop: SimShop, input: ComplianceInput, requestId: number): Record<string, unknown> {
  const c = complianceCustomer(shop, input);
  return {
    shop_id: shop.id,
    shop_domain: shop.domain,
    orders_requested: c.orders,
    customer: { id: c.id, email: c.email, phone: c.phone },
    data_request: { id: requestId },
  };
}

/** customers/redact. */
export function customerRedactPayload(shop: SimShop, input: ComplianceInput): Record<string, unknown> {
  const c = complianceCustomer(shop, input);
  return {
    shop_id: shop.id,
    shop_domain: shop.domain,
    customer: { id: c.id, email: c.email, phone: c.phone },
    orders_to_redact: c.orders,
  };
}

/** shop/redact. */
export function shopRedactPayload(shop: SimShop): Record<string, unknown> {
  return { shop_id: shop.id, shop_domain: shop.domain };
}
