import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import { shops } from './shops.js';

/** Initial import of a shop through bulk operations, with progress the UI shows. */
export const imports = pgTable(
  'imports',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['queued', 'running', 'completed', 'failed'] })
      .notNull()
      .default('queued'),
    stage: text('stage').notNull().default('locations'),
    bulkOperationId: text('bulk_operation_id'),
    percent: integer('percent').notNull().default(0),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    error: text('error'),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('imports_shop_idx').on(t.shopId, t.createdAt)],
);

/** One reconciliation pass: the cursor it started from and what it had to repair. */
export const reconcileRuns = pgTable(
  'reconcile_runs',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    cursorFrom: ts('cursor_from'),
    cursorTo: ts('cursor_to'),
    checked: integer('checked').notNull().default(0),
    repaired: integer('repaired').notNull().default(0),
    details: jsonb('details').$type<{ externalId: string; name: string; what: string }[]>().notNull().default([]),
    status: text('status', { enum: ['running', 'completed', 'failed'] })
      .notNull()
      .default('running'),
    error: text('error'),
    startedAt: ts('started_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('reconcile_runs_shop_idx').on(t.shopId, t.startedAt)],
);
