import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { DbOrTx } from '../../core/db/client.js';
import { rowsOf } from '../../core/db/rows-of.js';

export interface PreparedPlans {
  statement: string;
  generic_plans: number;
  custom_plans: number;
}

/**
 * What the connection prepared whose text is `like` (a LIKE pattern), with how it planned each:
 * on a one-connection pool, every statement the test sent.
 */
export async function preparedPlans(db: DbOrTx, like: string): Promise<PreparedPlans[]> {
  return rowsOf<PreparedPlans>(
    await db.execute(sql`
      select statement, generic_plans::int, custom_plans::int from pg_prepared_statements
      where statement like ${like}`),
  );
}

/**
 * Planned with its values five times (as every prepared statement is), then once for all: after
 * twelve calls or more, Postgres kept the generic plan instead of planning each call again.
 */
export function expectGenericPlanKept(p: PreparedPlans): void {
  expect(p.custom_plans, p.statement).toBeLessThanOrEqual(5);
  expect(p.generic_plans, p.statement).toBeGreaterThanOrEqual(7);
}
