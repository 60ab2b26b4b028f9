import { describe, expect, it } from 'vitest';
import { amazonOrderSchema, toChannelOrder } from './amazon-order.js';

const base = {
  orderId: '171-0000001-0000001',
  createdTime: '2026-11-20T10:00:00Z',
  lastUpdatedTime: '2026-11-20T10:05:00Z',
  salesChannel: { channelName: 'Amazon.fr', marketplaceId: 'A13V1IB3VIYZZH' },
  recipient: {
    deliveryAddress: {
      name: 'Camille Martin',
      addressLine1: '8 rue X',
      city: 'Lyon',
      postalCode: '69002',
      countryCode: 'fr',
    },
  },
  proceeds: { grandTotal: { amount: '49.80', currencyCode: 'EUR' } },
  fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT' },
  orderItems: [
    {
      orderItemId: '111',
      quantityOrdered: 2,
      product: {
        sellerSku: 'BOL-BLEU',
        title: 'Bol bleu',
        price: { unitPrice: { amount: '24.90', currencyCode: 'EUR' } },
      },
    },
  ],
};

describe('an Amazon order in the app', () => {
  it('is paid once unshipped, carries no buyer e-mail, and keeps the address and lines', () => {
    const o = toChannelOrder('amazon-fr', amazonOrderSchema.parse(base));
    expect(o).toMatchObject({
      state: 'UNSHIPPED',
      awaitingAcceptance: false,
      versionKey: '171-0000001-0000001@2026-11-20T10:05:00Z',
    });
    expect(o.order).toMatchObject({
      channel: 'amazon-fr',
      email: null,
      financialStatus: 'PAID',
      currency: 'EUR',
      totalPrice: '49.80',
      cancelledAt: null,
      fulfilled: false,
      shippingAddress: { name: 'Camille Martin', zip: '69002', countryCode: 'FR' },
    });
    expect(o.order.lines).toEqual([
      expect.objectContaining({
        externalId: '111',
        sku: 'BOL-BLEU',
        quantity: 2,
        currentQuantity: 2,
        unitPrice: '24.90',
      }),
    ]);
  });

  it('holds a pending order as unpaid, and cancels a cancelled one line by line', () => {
    const pending = toChannelOrder(
      'a',
      amazonOrderSchema.parse({ ...base, fulfillment: { fulfillmentStatus: 'PENDING' } }),
    );
    expect(pending.order.financialStatus).toBe('PENDING');
    const gone = toChannelOrder(
      'a',
      amazonOrderSchema.parse({ ...base, fulfillment: { fulfillmentStatus: 'CANCELLED' } }),
    );
    expect(gone.order.financialStatus).toBe('VOIDED');
    expect(gone.order.cancelledAt).toEqual(new Date('2026-11-20T10:05:00Z'));
    expect(gone.order.lines[0]!.currentQuantity).toBe(0);
  });

  it('refuses an order without its required fields', () => {
    expect(amazonOrderSchema.safeParse({ ...base, orderItems: undefined }).success).toBe(false);
    expect(amazonOrderSchema.safeParse({ ...base, lastUpdatedTime: 'yesterday' }).success).toBe(false);
  });
});
