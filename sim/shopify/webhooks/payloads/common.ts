import { formatMoney } from '../../core/money.js';
import { isoLocal } from '../../core/time-format.js';
import type { SimAddress, SimShop } from '../../state/types.js';
import { countryName } from '../../state/countries.js';

/** REST money bag: the same amount in shop and presentment currency. */
export interface RestMoneySet {
  shop_money: { amount: string; currency_code: string };
  presentment_money: { amount: string; currency_code: string };
}

export function moneySet(cents: number, currency: string): RestMoneySet {
  const m = { amount: formatMoney(cents), currency_code: currency };
  return { shop_money: m, presentment_money: { ...m } };
}

export function restTime(shop: SimShop, ms: number): string {
  return isoLocal(ms, shop.timezone);
}

export function restTimeOrNull(shop: SimShop, ms: number | null): string | null {
  return ms === null ? null : isoLocal(ms, shop.timezone);
}

/** A REST mailing address (order shipping/billing address, fulfillment destination). */
export interface RestAddress {
  first_name: string;
  last_name: string;
  name: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string;
  province_code: string;
  zip: string;
  country: string;
  country_code: string;
  phone: string;
  latitude: number | null;
  longitude: number | null;
}

/**
 * REST address. The published 2026-07 schemas type province, province_code and phone as
 * strings, so absent values are sent as "" rather than null (see README, differences).
 */
export function restAddress(a: SimAddress): RestAddress {
  return {
    first_name: a.firstName,
    last_name: a.lastName,
    name: `${a.firstName} ${a.lastName}`.trim(),
    company: a.company,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province ?? '',
    province_code: a.provinceCode ?? '',
    zip: a.zip,
    country: countryName(a.countryCode),
    country_code: a.countryCode,
    phone: a.phone ?? '',
    latitude: a.latitude,
    longitude: a.longitude,
  };
}
