import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { placedRecords } from './dispatch-outcome-write.js';
import { shippedLinesCtes, type ShippedLine } from './shipped-lines-write.js';

const dialect = new PgDialect();
const textOf = (fragment: ReturnType<typeof sql>) => dialect.sqlToQuery(fragment).sql;

/**
 * Postgres plans a prepared statement per distinct text and connection, five times over before it
 * settles on a generic plan; the shipment statement's plans cost milliseconds each. Its text must
 * not change with the number of lines a parcel holds.
 */
describe('statement texts that do not grow with their rows', () => {
  const lines = (n: number): ShippedLine[] =>
    Array.from({ length: n }, (_, i) => ({ lineId: 10 + i, skuId: 20 + i, quantity: 1 + i }));

  it('ships one line or many in the same statement', () => {
    const of = (n: number) =>
      textOf(shippedLinesCtes(7, { shipmentId: sql`1`, onlyIf: sql`true`, warehouseId: 3, lines: lines(n) }));
    expect(of(3)).toBe(of(1));
    expect(of(12)).toBe(of(1));
  });

  it('records one placed line or many in the same statement', () => {
    const of = (n: number) =>
      textOf(
        sql`select * from ${placedRecords(lines(n).map((l) => ({ lineId: l.lineId, foId: `gid://shopify/FulfillmentOrder/${l.skuId}`, foLineId: `gid://shopify/FulfillmentOrderLineItem/${l.lineId}` })))}`,
      );
    expect(of(4)).toBe(of(1));
  });
});
