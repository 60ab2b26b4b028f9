import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import type { Address } from '../../core/domain/address.js';
import { shops } from './shops.js';

/** A zone is a set of countries, optionally narrowed to postal-code prefixes. */
export interface Zone {
  code: string;
  countries: string[];
  postalPrefixes?: string[];
}
export interface ServiceLevel {
  code: string;
  name: string;
  /** transit days per zone code */
  transitDays: Record<string, number>;
}

export const warehouses = pgTable(
  'warehouses',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    code: text('code').notNull(),
    locationExternalId: text('location_external_id'),
    address: jsonb('address').$type<Address>().notNull().default({}),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    timezone: text('timezone').notNull().default('Europe/Paris'),
    cutoffTime: text('cutoff_time').notNull().default('14:00'),
    workingDays: integer('working_days').array().notNull().default([1, 2, 3, 4, 5]),
    holidays: text('holidays').array().notNull().default([]),
    zones: jsonb('zones').$type<Zone[]>().notNull().default([]),
    serviceLevels: jsonb('service_levels').$type<ServiceLevel[]>().notNull().default([]),
    /** cost per shipment per zone code, in the shop currency */
    costs: jsonb('costs').$type<Record<string, number>>().notNull().default({}),
    dailyCapacity: integer('daily_capacity'),
    priority: integer('priority').notNull().default(100),
    dispatchStyle: text('dispatch_style', { enum: ['feed', 'http'] })
      .notNull()
      .default('feed'),
    /** the Shopify fulfillment service we created for this warehouse, if any */
    fulfillmentServiceExternalId: text('fulfillment_service_external_id'),
    countryCode: text('country_code'),
    pushUrl: text('push_url'),
    pushSecretEnc: text('push_secret_enc'),
    /** the secret a rotation replaced: pushes are signed with both until `pushSecretPrevUntil`, so the 3PL can switch without a gap */
    pushSecretPrevEnc: text('push_secret_prev_enc'),
    pushSecretPrevUntil: ts('push_secret_prev_until'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('warehouses_shop_code_uq').on(t.shopId, t.code),
    index('warehouses_shop_location_idx').on(t.shopId, t.locationExternalId),
  ],
);

/** 3PL API keys: only a SHA-256 of the secret is stored; the prefix lets a key be found and shown. */
export const feedKeys = pgTable(
  'feed_keys',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    warehouseId: ref('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'cascade' }),
    label: text('label').notNull().default(''),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('feed_keys_prefix_uq').on(t.prefix), index('feed_keys_shop_idx').on(t.shopId, t.warehouseId)],
);
