/**
 * The admin API's contract: request and response schemas of every route under /api/admin, and
 * the DTO types inferred from them. web/ and extensions/ import types from here only; the server
 * validates requests and serializes responses through the same schemas.
 */
export * from './common.js';
export * from './dead-letters.js';
export * from './orders.js';
export * from './overview.js';
export * from './routing-rules.js';
export * from './routing-trace.js';
export * from './shop.js';
export * from './stock.js';
export * from './warehouses.js';
export * from './service-level.js';
