import { gid } from '../../core/ids.js';
import { isoUtc } from '../../core/time-format.js';
import { countryName } from '../../state/countries.js';
import type { SimAddress } from '../../state/types.js';
import type { GqlContext, View } from '../context.js';

/** Decimal as Shopify prints it: "19.9", "10.0", "19.99". */
export function decimal(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(Math.round(cents));
  let frac = String(abs % 100).padStart(2, '0');
  if (frac.endsWith('0')) frac = frac.slice(0, 1);
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${frac}`;
}

export function money(ctx: GqlContext, cents: number): View {
  return { amount: decimal(cents), currencyCode: ctx.shop.currency };
}

export function moneyBag(ctx: GqlContext, cents: number): View {
  return { shopMoney: money(ctx, cents), presentmentMoney: money(ctx, cents) };
}

export function dt(ms: number | null): string | null {
  return ms === null ? null : isoUtc(ms);
}

/** UnsignedInt64 is serialised as a string. */
export function u64(n: number): string {
  return String(n);
}

function formatted(a: SimAddress, withName: boolean, withCompany: boolean): string[] {
  const lines: string[] = [];
  if (withName) lines.push(`${a.firstName} ${a.lastName}`.trim());
  if (withCompany && a.company) lines.push(a.company);
  lines.push(a.address1);
  if (a.address2) lines.push(a.address2);
  lines.push(`${a.zip} ${a.city}`.trim());
  if (a.province) lines.push(a.province);
  lines.push(countryName(a.countryCode));
  return lines.filter((l) => l.length > 0);
}

/** MailingAddress. */
export function mailingAddress(a: SimAddress, id: number): View {
  return {
    __typename: 'MailingAddress',
    id: `${gid('MailingAddress', id)}?model_name=Address`,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    company: a.company,
    country: countryName(a.countryCode),
    countryCodeV2: a.countryCode,
    firstName: a.firstName,
    lastName: a.lastName,
    name: `${a.firstName} ${a.lastName}`.trim(),
    phone: a.phone,
    province: a.province,
    provinceCode: a.provinceCode,
    zip: a.zip,
    latitude: a.latitude,
    longitude: a.longitude,
    coordinatesValidated: a.latitude !== null,
    formattedArea: [a.city, a.province, countryName(a.countryCode)].filter((x) => x).join(', '),
    formatted: (args: { withName?: boolean; withCompany?: boolean }) =>
      formatted(a, args.withName === true, args.withCompany !== false),
    timeZone: null,
  };
}
