/**
 * Whole numbers as one Postgres array literal (`{1,2,3}`), sent as a single parameter and cast in
 * the statement (`::bigint[]`, `::int[]`): the statement's text is the same whatever the count, so
 * each connection prepares and plans it once.
 */
export function intArray(values: readonly number[]): string {
  return `{${values.map((v) => Math.trunc(v)).join(',')}}`;
}
