import { describe, expect, it } from 'vitest';
import { deliveryDateAfter, nextShipSlot, promiseFor } from './promise.js';
import { buildWarehouse } from './test-builders.js';

const paris = buildWarehouse();
const at = (iso: string): Date => new Date(iso);

function promised(w: ReturnType<typeof buildWarehouse>, zone: string, now: string, level?: string) {
  const r = promiseFor(w, zone, at(now), level);
  if (!r.ok) throw new Error(`no promise: ${r.reason}`);
  return r.promise;
}

describe('nextShipSlot and promiseFor: cut-off', () => {
  it('ships today before the local cut-off and tomorrow after it', () => {
    // 2026-05-05 is a Tuesday; Paris is UTC+2 in May.
    expect(promised(paris, 'FR', '2026-05-05T11:59:00Z')).toMatchObject({
      shipDate: '2026-05-05',
      shipsToday: true,
      deliverBy: '2026-05-07',
    });
    expect(promised(paris, 'FR', '2026-05-05T12:00:00Z')).toMatchObject({
      shipDate: '2026-05-06',
      shipsToday: false,
      deliverBy: '2026-05-08',
    });
  });

  it('gives the cut-off instant of the ship date as shipBy', () => {
    expect(promised(paris, 'FR', '2026-05-05T08:00:00Z').shipBy).toBe('2026-05-05T12:00:00.000Z');
    expect(promised(paris, 'FR', '2026-01-13T08:00:00Z').shipBy).toBe('2026-01-13T13:00:00.000Z');
  });

  it('reads the cut-off in each warehouse time zone for the same instant', () => {
    const now = '2026-05-05T12:30:00Z';
    const newYork = buildWarehouse({ timeZone: 'America/New_York' });
    const tokyo = buildWarehouse({ timeZone: 'Asia/Tokyo' });
    expect(promised(paris, 'FR', now).shipDate).toBe('2026-05-06'); // 14:30 in Paris
    expect(promised(newYork, 'FR', now)).toMatchObject({ shipDate: '2026-05-05', shipBy: '2026-05-05T18:00:00.000Z' }); // 08:30 in New York
    expect(promised(tokyo, 'FR', now).shipDate).toBe('2026-05-06'); // 21:30 in Tokyo
  });

  it('uses the local date, which can differ from the UTC date', () => {
    // 23:30 UTC on Tuesday is 01:30 Wednesday in Paris and 19:30 Tuesday in New York.
    const now = '2026-05-05T23:30:00Z';
    expect(promised(paris, 'FR', now)).toMatchObject({ shipDate: '2026-05-06', shipsToday: true });
    expect(promised(buildWarehouse({ timeZone: 'America/New_York' }), 'FR', now)).toMatchObject({
      shipDate: '2026-05-06',
      shipsToday: false,
    });
  });
});

describe('weekends and holidays', () => {
  it('moves Friday-after-cut-off and weekend orders to Monday', () => {
    expect(promised(paris, 'FR', '2026-05-15T13:00:00Z').shipDate).toBe('2026-05-18');
    expect(promised(paris, 'FR', '2026-05-16T09:00:00Z').shipDate).toBe('2026-05-18');
    expect(promised(paris, 'FR', '2026-05-17T09:00:00Z').shipDate).toBe('2026-05-18');
  });

  it('honours Saturday shipping when Saturday is a working day', () => {
    const sat = buildWarehouse({ workingDays: [1, 2, 3, 4, 5, 6] });
    expect(promised(sat, 'FR', '2026-05-16T09:00:00Z')).toMatchObject({ shipDate: '2026-05-16', shipsToday: true });
  });

  it('skips holidays for shipping and for delivery', () => {
    const w = buildWarehouse({ holidays: ['2026-05-08', '2026-05-14'] });
    // Thursday 7 May after cut-off: Friday 8 is a holiday, so Monday 11.
    expect(promised(w, 'FR', '2026-05-07T13:00:00Z').shipDate).toBe('2026-05-11');
    // Shipped Thursday 7 May with 2 transit days: Fri 8 (holiday), Sat, Sun are skipped.
    expect(promised(w, 'FR', '2026-05-07T08:00:00Z')).toMatchObject({
      shipDate: '2026-05-07',
      deliverBy: '2026-05-12',
    });
    // Ascension Thursday 14 May: Wednesday after cut-off ships Friday 15.
    expect(promised(w, 'FR', '2026-05-13T15:00:00Z').shipDate).toBe('2026-05-15');
  });

  it('counts transit on the carrier delivery days', () => {
    expect(deliveryDateAfter(paris, '2026-05-15', 1)).toBe('2026-05-18');
    expect(deliveryDateAfter(buildWarehouse({ deliveryDays: [1, 2, 3, 4, 5, 6] }), '2026-05-15', 1)).toBe('2026-05-16');
    expect(deliveryDateAfter(paris, '2026-05-15', 0)).toBe('2026-05-15');
  });
});

describe('daylight saving time', () => {
  it('follows the spring change in Europe (29 March 2026)', () => {
    // Friday before: CET, 14:00 local = 13:00 UTC.
    expect(promised(paris, 'FR', '2026-03-27T12:59:00Z')).toMatchObject({
      shipDate: '2026-03-27',
      shipBy: '2026-03-27T13:00:00.000Z',
    });
    // Monday after: CEST, 14:00 local = 12:00 UTC, so 12:30 UTC is already past the cut-off.
    expect(promised(paris, 'FR', '2026-03-30T11:59:00Z')).toMatchObject({
      shipDate: '2026-03-30',
      shipBy: '2026-03-30T12:00:00.000Z',
    });
    expect(promised(paris, 'FR', '2026-03-30T12:30:00Z').shipDate).toBe('2026-03-31');
  });

  it('follows the autumn change in Europe (25 October 2026) and the US change (8 March 2026)', () => {
    expect(promised(paris, 'FR', '2026-10-26T12:30:00Z')).toMatchObject({
      shipDate: '2026-10-26',
      shipBy: '2026-10-26T13:00:00.000Z',
    });
    const ny = buildWarehouse({ timeZone: 'America/New_York', cutoffTime: '16:00' });
    // The same 20:30 UTC is 15:30 EST on Friday (before the cut-off) but 16:30 EDT on Monday (after it).
    expect(promised(ny, 'FR', '2026-03-06T20:30:00Z')).toMatchObject({
      shipDate: '2026-03-06',
      shipBy: '2026-03-06T21:00:00.000Z',
    });
    expect(promised(ny, 'FR', '2026-03-09T20:30:00Z')).toMatchObject({
      shipDate: '2026-03-10',
      shipBy: '2026-03-10T20:00:00.000Z',
    });
  });

  it('treats a cut-off inside the spring gap as the first instant after it', () => {
    const w = buildWarehouse({ cutoffTime: '02:30', workingDays: [1, 2, 3, 4, 5, 6, 7] });
    const slot = nextShipSlot(w, at('2026-03-29T00:10:00Z'));
    expect(slot.ok && slot.slot).toMatchObject({ shipDate: '2026-03-29', shipBy: '2026-03-29T01:30:00.000Z' });
  });
});

describe('failures are values', () => {
  it('reports unknown time zones, bad cut-offs, no working days and missing service levels', () => {
    expect(promiseFor(buildWarehouse({ timeZone: 'Mars/Olympus' }), 'FR', at('2026-05-05T08:00:00Z'))).toEqual({
      ok: false,
      reason: 'invalid_time_zone',
    });
    expect(promiseFor(buildWarehouse({ cutoffTime: '25:00' }), 'FR', at('2026-05-05T08:00:00Z'))).toEqual({
      ok: false,
      reason: 'invalid_cutoff',
    });
    expect(promiseFor(buildWarehouse({ workingDays: [] }), 'FR', at('2026-05-05T08:00:00Z'))).toEqual({
      ok: false,
      reason: 'no_working_day',
    });
    expect(promiseFor(paris, 'DE', at('2026-05-05T08:00:00Z'))).toEqual({ ok: false, reason: 'no_service_level' });
    expect(promiseFor(paris, 'FR', at('2026-05-05T08:00:00Z'), 'express')).toEqual({
      ok: false,
      reason: 'no_service_level',
    });
  });

  it('uses the requested service level when it serves the zone', () => {
    const w = buildWarehouse({
      serviceLevels: [
        { code: 'standard', name: 'Standard', transitDays: { FR: 3 } },
        { code: 'express', name: 'Express', transitDays: { FR: 1 } },
      ],
    });
    expect(promised(w, 'FR', '2026-05-05T08:00:00Z')).toMatchObject({
      serviceLevel: 'standard',
      deliverBy: '2026-05-08',
    });
    expect(promised(w, 'FR', '2026-05-05T08:00:00Z', 'express')).toMatchObject({
      serviceLevel: 'express',
      deliverBy: '2026-05-06',
    });
  });
});
