/** A json column's or subquery's value as `T`: postgres.js hands json to drizzle as text, PGlite parses it. */
export const fromJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
