import { gid } from '../../core/ids.js';
import { countryName } from '../../state/countries.js';
import type { SimLocation, SimShop } from '../../state/types.js';
import { restTime } from './common.js';

/** locations/create, update, activate, deactivate. */
export function locationPayload(shop: SimShop, loc: SimLocation): Record<string, unknown> {
  const a = loc.address;
  return {
    id: loc.id,
    name: loc.name,
    address1: a.address1,
    address2: a.address2 ?? '',
    city: a.city,
    zip: a.zip,
    province: a.province ?? '',
    country: a.countryCode,
    phone: a.phone ?? '',
    created_at: restTime(shop, loc.createdAt),
    updated_at: restTime(shop, loc.updatedAt),
    country_code: a.countryCode,
    country_name: countryName(a.countryCode),
    province_code: a.provinceCode ?? '',
    legacy: loc.fulfillmentServiceId !== null,
    active: loc.isActive,
    admin_graphql_api_id: gid('Location', loc.id),
  };
}

/** locations/delete carries the id only. */
export function locationDeletePayload(loc: SimLocation): Record<string, unknown> {
  return { id: loc.id };
}
