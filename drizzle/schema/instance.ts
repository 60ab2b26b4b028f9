import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * One row naming this database. Queue keys carry it, so a fresh database never meets the job
 * ids (inbox-1, alloc-1…) that Redis still remembers from an older one.
 */
export const appInstance = pgTable('app_instance', {
  id: text('id').primaryKey(),
  createdAt: createdAt(),
});
