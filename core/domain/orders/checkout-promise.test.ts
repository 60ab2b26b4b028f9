import { describe, expect, it } from 'vitest';
import { checkoutServiceLevel, promisedDeliveryDate } from './checkout-promise.js';

describe('the checkout promise', () => {
  it('reads the promised date from a delivery-date attribute, and nothing from a bad date', () => {
    expect(
      promisedDeliveryDate([
        { name: 'gift', value: 'yes' },
        { name: 'Delivery Date', value: '2026-05-08' },
      ]),
    ).toBe('2026-05-08');
    expect(promisedDeliveryDate([{ name: 'deliver_by', value: '2026-05-08T18:00:00+02:00' }])).toBe('2026-05-08');
    expect(promisedDeliveryDate([{ name: 'Date de livraison', value: '2026-05-09' }])).toBe('2026-05-09');
    expect(promisedDeliveryDate([{ name: 'Delivery date', value: '2026-02-30' }])).toBeNull();
    expect(promisedDeliveryDate([{ name: 'Delivery date', value: 'next friday' }])).toBeNull();
    expect(promisedDeliveryDate([{ name: 'note', value: '2026-05-08' }])).toBeNull();
  });

  it('maps the shipping rate to a warehouse level by code, then by name; an unknown rate asks for nothing', () => {
    const levels = [
      { code: 'standard', name: 'Colissimo' },
      { code: 'exp', name: 'Express 24h' },
    ];
    expect(checkoutServiceLevel({ code: 'EXP', title: 'Livraison rapide' }, levels)).toBe('exp');
    expect(checkoutServiceLevel({ code: 'custom-rate-1', title: 'Express 24h' }, levels)).toBe('exp');
    expect(checkoutServiceLevel({ code: 'colissimo', title: 'Colissimo - domicile' }, levels)).toBe('standard');
    expect(checkoutServiceLevel({ code: 'pickup', title: 'Retrait en boutique' }, levels)).toBeNull();
    expect(checkoutServiceLevel({ code: null, title: null }, levels)).toBeNull();
  });
});
