import { bigint, bigserial, timestamp } from 'drizzle-orm/pg-core';

/** Shared column helpers so every table names and types its keys the same way. */
export const id = () => bigserial('id', { mode: 'number' }).primaryKey();
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const ref = (name: string) => bigint(name, { mode: 'number' });
