import { describe, expect, it } from 'vitest';
import { miraklOrderSchema, toChannelOrder } from './mirakl-order.js';

const base = {
  order_id: 'F1-A',
  order_state: 'WAITING_ACCEPTANCE',
  created_date: '2026-11-20T10:00:00Z',
  last_updated_date: '2026-11-20T10:05:00Z',
  currency_iso_code: 'EUR',
  total_price: 24.9,
  customer: {
    customer_id: 'C1',
    shipping_address: {
      firstname: 'Léa',
      lastname: 'Martin',
      street_1: '3 rue Neuve',
      zip_code: '69003',
      city: 'Lyon',
      country_iso_code: 'FRA',
    },
  },
  shipping_pudo_id: null,
  order_lines: [
    { order_line_id: 'F1-A-1', offer_sku: 'BOL', quantity: 2, order_line_state: 'WAITING_ACCEPTANCE', price_unit: 10 },
    { order_line_id: 'F1-A-2', offer_sku: 'TASSE', quantity: 1, order_line_state: 'REFUSED', price: 4.9 },
  ],
};
const read = (o: object) => toChannelOrder('fnac', miraklOrderSchema.parse({ ...base, ...o }));

describe("Mirakl orders in the app's shape", () => {
  it('holds an order until the buyer is debited, then reads it paid', () => {
    expect(read({}).order).toMatchObject({ financialStatus: 'PENDING', cancelledAt: null, fulfilled: false });
    expect(read({}).awaitingAcceptance).toBe(true);
    expect(read({ order_state: 'WAITING_DEBIT_PAYMENT' }).order.financialStatus).toBe('PENDING');
    expect(read({ order_state: 'SHIPPING' }).order).toMatchObject({ financialStatus: 'PAID', fulfilled: false });
    expect(read({ order_state: 'SHIPPED' }).order).toMatchObject({ financialStatus: 'PAID', fulfilled: true });
  });

  it('cancels on CANCELED and REFUSED, at the update time', () => {
    for (const state of ['CANCELED', 'REFUSED'])
      expect(read({ order_state: state }).order.cancelledAt).toEqual(new Date('2026-11-20T10:05:00Z'));
  });

  it('keeps refused lines at zero, country codes in alpha-2, and the relay point as a tag', () => {
    const o = read({ shipping_pudo_id: 'MR-123' });
    expect(o.order.lines.map((l) => [l.sku, l.quantity, l.currentQuantity, l.unitPrice])).toEqual([
      ['BOL', 2, 2, '10.00'],
      ['TASSE', 1, 0, '4.90'],
    ]);
    expect(o.order.shippingAddress).toMatchObject({ countryCode: 'FR', zip: '69003', name: 'Léa Martin' });
    expect(o.order.tags).toEqual(['pudo:MR-123']);
    expect(o.versionKey).toBe('F1-A@2026-11-20T10:05:00Z');
    expect(o.order.channel).toBe('fnac');
    expect(o.order.email).toBeNull();
  });
});
