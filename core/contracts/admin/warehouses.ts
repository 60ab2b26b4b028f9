import { z } from 'zod';
import { isValidTimeZone } from '../../domain/routing/calendar.js';
import { dateTime, postalAddress } from './common.js';

/** What a merchant edits on a warehouse; the same schema validates the admin API and types the UI. */
export const warehouseInputSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9_-]{2,20}$/, 'use 2–20 capital letters, digits, - or _'),
    address: z.object({
      address1: z.string().max(120).nullish(),
      address2: z.string().max(120).nullish(),
      city: z.string().max(80).nullish(),
      zip: z.string().max(20).nullish(),
      countryCode: z.string().length(2).toUpperCase(),
    }),
    latitude: z.number().min(-90).max(90).nullable().default(null),
    longitude: z.number().min(-180).max(180).nullable().default(null),
    timezone: z.string().refine(isValidTimeZone, 'unknown time zone'),
    cutoffTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM'),
    workingDays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .transform((d) => [...new Set(d)].sort()),
    holidays: z.array(z.iso.date()).max(400).default([]),
    zones: z
      .array(
        z.object({
          code: z.string().trim().min(1).max(20),
          countries: z.array(z.string().length(2).toUpperCase()).min(1),
          postalPrefixes: z.array(z.string().trim().min(1).max(10)).optional(),
        }),
      )
      .min(1, 'a warehouse serves at least one zone'),
    serviceLevels: z
      .array(
        z.object({
          code: z.string().min(1).max(30),
          name: z.string().min(1).max(60),
          transitDays: z.record(z.string(), z.number().int().min(0).max(60)),
        }),
      )
      .min(1),
    costs: z.record(z.string(), z.number().min(0).max(10_000)),
    dailyCapacity: z.number().int().positive().nullable().default(null),
    priority: z.number().int().min(0).max(10_000).default(100),
    dispatchStyle: z.enum(['feed', 'http']).default('feed'),
    pushUrl: z.url().nullable().default(null),
    active: z.boolean().default(true),
    location: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('none') }),
        z.object({ mode: z.literal('existing'), externalId: z.string().startsWith('gid://shopify/Location/') }),
        z.object({ mode: z.literal('fulfillment_service') }),
      ])
      .default({ mode: 'none' }),
  })
  .superRefine((w, ctx) => {
    const codes = new Set(w.zones.map((z) => z.code));
    for (const code of Object.keys(w.costs))
      if (!codes.has(code)) ctx.addIssue({ code: 'custom', path: ['costs', code], message: `no zone ${code}` });
    for (const [i, s] of w.serviceLevels.entries())
      for (const code of Object.keys(s.transitDays))
        if (!codes.has(code))
          ctx.addIssue({ code: 'custom', path: ['serviceLevels', i, 'transitDays', code], message: `no zone ${code}` });
    if (w.dispatchStyle === 'http' && !w.pushUrl)
      ctx.addIssue({ code: 'custom', path: ['pushUrl'], message: 'a push warehouse needs the URL of its API' });
  });

export type WarehouseInput = z.infer<typeof warehouseInputSchema>;

/** A warehouse as the admin API returns it (its push secret never leaves the server). */
export const warehouse = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string(),
  locationExternalId: z.string().nullable(),
  address: postalAddress,
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  timezone: z.string(),
  cutoffTime: z.string(),
  workingDays: z.array(z.number().int()),
  holidays: z.array(z.string()),
  zones: z.array(
    z.object({ code: z.string(), countries: z.array(z.string()), postalPrefixes: z.array(z.string()).optional() }),
  ),
  serviceLevels: z.array(
    z.object({ code: z.string(), name: z.string(), transitDays: z.record(z.string(), z.number()) }),
  ),
  costs: z.record(z.string(), z.number()),
  dailyCapacity: z.number().int().nullable(),
  priority: z.number().int(),
  dispatchStyle: z.enum(['feed', 'http']),
  fulfillmentServiceExternalId: z.string().nullable(),
  countryCode: z.string().nullable(),
  pushUrl: z.string().nullable(),
  active: z.boolean(),
  hasPushSecret: z.boolean(),
  /** until when pushes are also signed with the secret the last rotation replaced */
  pushSecretPreviousValidUntil: dateTime.nullable(),
  createdAt: dateTime,
  updatedAt: dateTime,
});
export type Warehouse = z.infer<typeof warehouse>;

/** GET /warehouses, with where the 3PL feed's documentation lives. */
export const warehouseList = z.object({ items: z.array(warehouse), feedDocs: z.string(), openapi: z.string() });
export type WarehouseList = z.infer<typeof warehouseList>;

/** POST and PUT /warehouses: the saved warehouse, and its push secret the first time one is made. */
export const warehouseSaved = z.object({ warehouse, pushSecret: z.string().nullable() });
export type WarehouseSaved = z.infer<typeof warehouseSaved>;

/** POST /warehouses/:id/push-secret: how long the replaced secret keeps signing beside the new one (0: not at all). */
export const rotatePushSecretBody = z.strictObject({ overlapHours: z.number().int().min(0).max(168).default(24) });
export type RotatePushSecretBody = z.input<typeof rotatePushSecretBody>;
/** The new secret, shown once, and when the old one stops signing. */
export const pushSecretRotated = z.object({
  warehouse,
  pushSecret: z.string(),
  previousValidUntil: dateTime.nullable(),
});
export type PushSecretRotated = z.infer<typeof pushSecretRotated>;

/** A 3PL API key as listed (never the key itself). */
export const feedKey = z.object({
  id: z.number().int(),
  label: z.string(),
  prefix: z.string(),
  lastUsedAt: dateTime.nullable(),
  revokedAt: dateTime.nullable(),
  createdAt: dateTime,
});
export type FeedKey = z.infer<typeof feedKey>;
/** GET /warehouses/:id/keys */
export const feedKeyList = z.object({ items: z.array(feedKey) });
export type FeedKeyList = z.infer<typeof feedKeyList>;

/** POST /warehouses/:id/keys */
export const newFeedKeyBody = z.object({ label: z.string().trim().min(1).max(60) });
export type NewFeedKeyBody = z.infer<typeof newFeedKeyBody>;
/** POST /warehouses/:id/keys: the only time the key is shown. */
export const newFeedKey = z.object({ id: z.number().int(), prefix: z.string(), key: z.string(), note: z.string() });
export type NewFeedKey = z.infer<typeof newFeedKey>;

/** DELETE /warehouses/:id/keys/:keyId */
export const feedKeyParams = z.object({
  id: z.coerce.number().int().positive(),
  keyId: z.coerce.number().int().positive(),
});

/** A Shopify location a warehouse can be linked to. */
export const shopifyLocation = z.object({
  id: z.string(),
  name: z.string(),
  active: z.boolean(),
  isFulfillmentService: z.boolean(),
  address: postalAddress.nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});
export type ShopifyLocation = z.infer<typeof shopifyLocation>;
/** GET /locations */
export const locationList = z.object({ items: z.array(shopifyLocation) });
export type LocationList = z.infer<typeof locationList>;
