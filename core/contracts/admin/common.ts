import { z } from 'zod';

/** An instant on the wire: ISO 8601 in UTC, as `Date.toISOString()` writes it. */
export const dateTime = z.iso.datetime();
/** A calendar date on the wire: YYYY-MM-DD. */
export const isoDate = z.iso.date();

/** A positive integer id in a path segment. */
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export type IdParams = z.infer<typeof idParams>;

/** 202: the work was queued and runs in the background. */
// coalesced: the request joined a run of the same kind already queued for the shop
export const queuedResponse = z.object({ queued: z.literal(true), coalesced: z.boolean().optional() });
export type QueuedResponse = z.infer<typeof queuedResponse>;

/** 204: nothing in the body. */
export const noContent = z.null();

/** An address as orders, warehouses and locations carry it. */
export const postalAddress = z.object({
  name: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  company: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  province: z.string().nullish(),
  zip: z.string().nullish(),
  countryCode: z.string().nullish(),
  country: z.string().nullish(),
  phone: z.string().nullish(),
  latitude: z.number().nullish(),
  longitude: z.number().nullish(),
});
export type PostalAddress = z.infer<typeof postalAddress>;

/** The one error shape every admin route answers with on a 4xx or 5xx. */
export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

/** A CSV download. */
export const csvResponse = { content: { 'text/csv': { schema: z.string() } } };
