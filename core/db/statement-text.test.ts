import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { placedRecords } from './dispatch-outcome-write.js';
import { shipmentRecordStatement, type ShipmentRecord } from './shipment-record-write.js';
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

  it('records a parcel with a shipping e-mail or without one (a marketplace order) in the same statement', () => {
    const parcel: ShipmentRecord = {
      shopId: 1,
      allocationId: 2,
      orderId: 3,
      warehouseId: 4,
      idempotencyKey: 'k',
      carrier: 'Colissimo',
      trackingNumbers: ['6A1'],
      trackingUrls: [],
      shippedAt: new Date('2026-12-05T10:00:00Z'),
      lines: lines(2),
      intake: { query: { shopId: 1, warehouseId: 4, allocationId: 2, idempotencyKey: 'k' }, version: 'v' },
      from: 'acknowledged',
      to: 'shipped',
      mail: {
        kind: 'shipped',
        sender: 'app',
        status: 'pending',
        toAddress: 'client@example.fr',
        locale: 'fr',
        lastError: null,
        data: { orderName: '#1001' },
        pageUrlPrefix: 'https://example.test/t/',
      },
      audit: { actor: 'warehouse:4', data: {} },
      answer: null,
    };
    const of = (r: ShipmentRecord) => textOf(shipmentRecordStatement(r));
    expect(of({ ...parcel, mail: null })).toBe(of(parcel));
  });
});
