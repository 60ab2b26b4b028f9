import { gid } from '../../core/ids.js';
import { zoneOffset } from '../../core/time-format.js';
import { countryName } from '../../state/countries.js';
import type { SimBulkOperation } from '../../state/types.js';
import type { GqlContext, View } from '../context.js';
import { dt, u64 } from './common-view.js';
import { fulfillmentServiceView } from './location-view.js';

export function shopView(ctx: GqlContext): View {
  const s = ctx.shop;
  const a = s.address;
  const off = zoneOffset(ctx.core.clock.now(), s.timezone);
  const abbrev =
    new Intl.DateTimeFormat('en-US', { timeZone: s.timezone, timeZoneName: 'short' })
      .formatToParts(new Date(ctx.core.clock.now()))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
  return {
    __typename: 'Shop',
    id: gid('Shop', s.id),
    name: s.name,
    email: s.email,
    contactEmail: s.email,
    myshopifyDomain: s.domain,
    url: `https://${s.domain}`,
    primaryDomain: {
      id: gid('Domain', s.id),
      host: s.domain,
      url: `https://${s.domain}`,
      sslEnabled: true,
      localization: null,
      marketWebPresence: null,
    },
    currencyCode: s.currency,
    enabledPresentmentCurrencies: [s.currency],
    ianaTimezone: s.timezone,
    timezoneAbbreviation: abbrev,
    timezoneOffset: off.text,
    timezoneOffsetMinutes: off.minutes,
    weightUnit: 'KILOGRAMS',
    unitSystem: 'METRIC_SYSTEM',
    taxesIncluded: s.taxRate > 0,
    taxShipping: s.taxRate > 0,
    setupRequired: false,
    checkoutApiSupported: true,
    transactionalSmsDisabled: false,
    marketingSmsConsentEnabledAtCheckout: false,
    orderNumberFormatPrefix: '#',
    orderNumberFormatSuffix: '',
    description: null,
    shopOwnerName: `${a.firstName} ${a.lastName}`,
    shipsToCountries: ['FR', 'BE', 'DE', 'ES', 'IT', 'NL', 'LU'],
    createdAt: dt(s.createdAt),
    updatedAt: dt(s.createdAt),
    plan: {
      partnerDevelopment: false,
      shopifyPlus: s.plan === 'plus' || s.plan === 'enterprise',
      publicDisplayName:
        s.plan === 'standard'
          ? 'Basic'
          : s.plan === 'advanced'
            ? 'Advanced'
            : s.plan === 'plus'
              ? 'Shopify Plus'
              : 'Commerce Components',
    },
    shopAddress: {
      id: gid('ShopAddress', s.id),
      address1: a.address1,
      address2: a.address2,
      city: a.city,
      company: s.name,
      country: countryName(a.countryCode),
      countryCodeV2: a.countryCode,
      province: a.province,
      provinceCode: a.provinceCode,
      zip: a.zip,
      phone: a.phone,
      latitude: a.latitude,
      longitude: a.longitude,
      coordinatesValidated: a.latitude !== null,
      formattedArea: `${a.city}, ${countryName(a.countryCode)}`,
      formatted: () => [a.address1, `${a.zip} ${a.city}`, countryName(a.countryCode)],
    },
    fulfillmentServices: () => [...s.fulfillmentServices.values()].map((fs) => fulfillmentServiceView(ctx, fs)),
  };
}

export function bulkOperationView(ctx: GqlContext, op: SimBulkOperation): View {
  const url =
    op.status === 'COMPLETED' && op.jsonl !== null
      ? `${ctx.core.baseUrl}/_sim/bulk/${ctx.shop.domain}/${op.id}.jsonl`
      : null;
  return {
    __typename: 'BulkOperation',
    id: gid('BulkOperation', op.id),
    status: op.status,
    errorCode: op.errorCode,
    type: 'QUERY',
    query: op.query,
    createdAt: dt(op.createdAt),
    completedAt: dt(op.completedAt),
    objectCount: u64(op.objectCount),
    rootObjectCount: u64(op.rootObjectCount),
    fileSize: op.jsonl === null ? null : u64(Buffer.byteLength(op.jsonl)),
    url,
    partialDataUrl: null,
  };
}
