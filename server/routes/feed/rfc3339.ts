import { z } from 'zod';

// RFC 3339 §5.6: date, "T" (or, as §5.6's note allows, "t" or a space), time with optional
// fraction, and "Z" or a numeric offset. The same grammar as JSON Schema's `date-time`.
const grammar = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2}|60)(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** A request time: any RFC 3339 date-time, whatever its offset or precision. */
export const rfc3339 = z
  .string()
  .max(40)
  .refine(
    (s) => grammar.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T').toUpperCase())),
    'must be an RFC 3339 date-time, e.g. 2026-03-01T14:30:00Z',
  )
  .meta({ format: 'date-time' });
