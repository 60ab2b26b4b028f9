import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * Lists sent as one Postgres array literal (`{1,2,3}`, `{"a","b"}`), a single parameter cast in
 * the statement (`::bigint[]`, `::text[]`): the statement's text is the same whatever the count,
 * so each connection prepares and plans it once. (A list spread into `in ($1, $2, …)` is a new
 * statement for every length.)
 */
export function intArray(values: readonly number[]): string {
  return `{${values.map((v) => Math.trunc(v)).join(',')}}`;
}

/** Each value quoted, with its quotes and backslashes escaped, so any text survives as itself. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * `column = any(list)` with the list as one parameter, read through a subquery: a custom plan
 * then sees no more of the list than the generic one does (Postgres guesses ten elements for
 * both), so after its first five plans a connection keeps the generic plan. Given the array
 * itself, each custom plan knew the list was short, came out cheaper than the generic one, and
 * Postgres planned the statement again on every call.
 */
export function anyOfInts(column: SQLWrapper, values: readonly number[]): SQL {
  return sql`${column} = any(array(select unnest(${intArray(values)}::bigint[])))`;
}

/** `anyOfInts` for text values. */
export function anyOfTexts(column: SQLWrapper, values: readonly string[]): SQL {
  return sql`${column} = any(array(select unnest(${textArray(values)}::text[])))`;
}
