import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  returnStates,
  stateRank,
  transition,
  type ReturnEvent,
  type ReturnState,
} from './state-machine.js';
import { parseRma, rmaNumber } from './rma.js';
import { decideRequest, defaultReturnPolicy, type CandidateLine } from './policy.js';
import { stockEffects, grades } from './grading.js';
import { returnFigures, type FigureReturn } from './figures.js';
import { chooseReturnWarehouse } from './returns-warehouse.js';

const events: ReturnEvent['type'][] = ['approve', 'decline', 'ship', 'receive', 'grade', 'refund', 'close'];

describe('return state machine', () => {
  it('never goes back along the path, and from any reachable state it can still close', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events), { maxLength: 30 }), (seq) => {
        let s: ReturnState = 'requested';
        const seen: ReturnState[] = [s];
        for (const e of seq) {
          const r = transition(s, e);
          if (!r.ok) {
            expect(allowedEvents(s)).not.toContain(e);
            continue;
          }
          expect(stateRank[r.to]).toBeGreaterThan(stateRank[s]);
          s = r.to;
          seen.push(s);
        }
        // closing stays reachable from everywhere but requested, in_transit, received (which first go on)
        const reachClosed = (from: ReturnState, depth = 0): boolean =>
          from === 'closed' ||
          (depth < 8 &&
            allowedEvents(from).some((e) => {
              const r = transition(from, e);
              return r.ok && reachClosed(r.to, depth + 1);
            }));
        expect(reachClosed(s)).toBe(true);
        expect(new Set(seen).size).toBe(seen.length);
      }),
    );
  });

  it('refunded is only reached through received and graded', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events), { maxLength: 30 }), (seq) => {
        let s: ReturnState = 'requested';
        const path: ReturnState[] = [s];
        for (const e of seq) {
          const r = transition(s, e);
          if (r.ok) path.push((s = r.to));
        }
        if (path.includes('refunded')) {
          expect(path.indexOf('received')).toBeGreaterThan(0);
          expect(path.indexOf('graded')).toBeGreaterThan(path.indexOf('received'));
          expect(path.indexOf('refunded')).toBeGreaterThan(path.indexOf('graded'));
        }
        if (path.includes('declined')) expect(path).not.toContain('approved');
      }),
    );
  });

  it('lists every state and lets nothing leave closed', () => {
    expect(returnStates).toHaveLength(8);
    for (const e of events) expect(transition('closed', e).ok).toBe(false);
  });
});

describe('RMA numbers', () => {
  it('parse back to their sequence, and one changed digit is caught', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9_999_999 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 9 }),
        (seq, pos, bump) => {
          const rma = rmaNumber(seq);
          expect(parseRma(rma)).toBe(seq);
          const digits = rma.slice(4, rma.lastIndexOf('-'));
          const i = digits.length - 1 - pos;
          const changed = digits.slice(0, i) + String((Number(digits[i]) + bump) % 10) + digits.slice(i + 1);
          const wrong = `RMA-${changed}-${rma.at(-1)}`;
          const p = parseRma(wrong);
          // the mod-23 letter catches every single-digit change except ones that shift by a multiple of 23
          if (p !== null) expect(Math.abs(p - seq) % 23).toBe(0);
        },
      ),
    );
  });
  it('refuses malformed numbers', () => {
    for (const bad of ['', 'RMA-12-A', 'rma-000001-x', 'RMA-000000-A', 'RMA-000001-A\u0000'])
      expect(parseRma(bad)).toBeNull();
    expect(parseRma(rmaNumber(1).toLowerCase())).toBe(1);
  });
});

const line = fc.record({
  sku: fc.option(fc.constantFrom('A', 'B', 'FS-1'), { nil: null }),
  tags: fc.array(fc.constantFrom('final-sale', 'Final-Sale', 'summer', 'promo')),
  quantity: fc.integer({ min: 1, max: 4 }),
  returnable: fc.integer({ min: 0, max: 4 }),
}) satisfies fc.Arbitrary<CandidateLine>;

describe('approval rules', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  it('a customer request is approved only inside the window with every line eligible, and never auto-approved for final sale', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 60 }),
        fc.boolean(),
        fc.constantFrom('customer', 'shopify') as fc.Arbitrary<'customer' | 'shopify'>,
        (lines, daysAgo, autoApprove, source) => {
          const policy = { ...defaultReturnPolicy, autoApprove, excludedSkus: ['FS-1'] };
          const d = decideRequest(policy, {
            source,
            lines,
            orderTags: [],
            shippedAt: null,
            deliveredAt: new Date(now.getTime() - daysAgo * 86_400_000),
            now,
          });
          const finalSale = lines.some((l) => l.tags.some((t) => t.toLowerCase() === 'final-sale') || l.sku === 'FS-1');
          if (d.kind === 'approve') {
            expect(daysAgo).toBeLessThanOrEqual(30);
            expect(finalSale).toBe(false);
            expect(autoApprove).toBe(true);
            expect(lines.every((l) => l.quantity <= l.returnable)).toBe(true);
          }
          if (source === 'customer' && daysAgo > 30)
            expect(d).toMatchObject({ kind: 'reject', reason: 'window_ended' });
          if (source === 'shopify') expect(d.kind).not.toBe('reject');
        },
      ),
    );
  });
  it("the merchant's own request always goes through; customers are refused when the shop turned the door off", () => {
    const lines = [{ sku: 'A', tags: [], quantity: 1, returnable: 1 }];
    expect(
      decideRequest(defaultReturnPolicy, {
        source: 'merchant',
        lines,
        orderTags: ['final-sale'],
        shippedAt: null,
        deliveredAt: null,
        now,
      }).kind,
    ).toBe('approve');
    expect(
      decideRequest(
        { ...defaultReturnPolicy, customerRequests: false },
        { source: 'customer', lines, orderTags: [], shippedAt: now, deliveredAt: null, now },
      ),
    ).toMatchObject({ kind: 'reject', reason: 'customer_requests_off' });
    expect(
      decideRequest(defaultReturnPolicy, {
        source: 'customer',
        lines,
        orderTags: ['Final-Sale'],
        shippedAt: now,
        deliveredAt: null,
        now,
      }),
    ).toMatchObject({ kind: 'reject', reason: 'line_not_returnable' });
  });
});

describe('grading', () => {
  it('splits graded units into restock, damaged and other without creating any', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ grade: fc.constantFrom(...grades), quantity: fc.integer({ min: 0, max: 5 }) }), {
          maxLength: 6,
        }),
        fc.integer({ min: 0, max: 20 }),
        (units, returned) => {
          const r = stockEffects(units, returned);
          const total = units.reduce((s, u) => s + u.quantity, 0);
          if (total > returned) {
            expect('error' in r).toBe(true);
            return;
          }
          if ('error' in r) throw new Error(r.error);
          expect(r.restock + r.damaged + r.other).toBe(total);
          expect(r.restock).toBe(units.filter((u) => u.grade === 'resellable').reduce((s, u) => s + u.quantity, 0));
          expect(r.damaged).toBe(units.filter((u) => u.grade === 'damaged').reduce((s, u) => s + u.quantity, 0));
        },
      ),
    );
  });
});

describe('figures', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 10, 1) + h * 3_600_000);
  it('counts rates, reasons, times and value from hand-checked returns', () => {
    const rs: FigureReturn[] = [
      {
        channel: 'shopify',
        state: 'refunded',
        requestedAt: at(0),
        receivedAt: at(48),
        refundedAt: at(50),
        cost: 6,
        lines: [
          {
            sku: 'A',
            reason: 'size_too_small',
            quantity: 2,
            unitPrice: 20,
            graded: [
              { grade: 'resellable', quantity: 1 },
              { grade: 'damaged', quantity: 1 },
            ],
          },
        ],
      },
      {
        channel: 'shopify',
        state: 'refunded',
        requestedAt: at(0),
        receivedAt: at(24),
        refundedAt: at(30),
        cost: 6,
        lines: [
          { sku: 'B', reason: 'defective', quantity: 1, unitPrice: 10, graded: [{ grade: 'resellable', quantity: 1 }] },
        ],
      },
      {
        channel: 'amazon',
        state: 'approved',
        requestedAt: at(0),
        receivedAt: null,
        refundedAt: null,
        cost: 4,
        lines: [{ sku: 'A', reason: 'size_too_small', quantity: 1, unitPrice: 20, graded: [] }],
      },
      {
        channel: 'shopify',
        state: 'declined',
        requestedAt: at(0),
        receivedAt: null,
        refundedAt: null,
        cost: 0,
        lines: [{ sku: 'A', reason: 'other', quantity: 5, unitPrice: 20, graded: [] }],
      },
    ];
    const f = returnFigures(rs, [
      { sku: 'A', channel: 'shopify', units: 10 },
      { sku: 'A', channel: 'amazon', units: 10 },
      { sku: 'B', channel: 'shopify', units: 4 },
    ]);
    expect(f.returns).toBe(3);
    expect(f.unitsReturned).toBe(4);
    expect(f.bySku).toEqual([
      { key: 'B', returned: 1, sold: 4, rate: 0.25 },
      { key: 'A', returned: 3, sold: 20, rate: 0.15 },
    ]);
    expect(f.byChannel.find((c) => c.key === 'shopify')).toEqual({
      key: 'shopify',
      returned: 3,
      sold: 14,
      rate: 3 / 14,
    });
    expect(f.topReasons).toEqual([
      { reason: 'size_too_small', units: 3, share: 0.75 },
      { reason: 'defective', units: 1, share: 0.25 },
    ]);
    expect(f.hoursRequestToRefund).toBe(40);
    expect(f.hoursReceiptToRefund).toBe(4);
    expect(f.shareRestocked).toBeCloseTo(2 / 3);
    expect(f.valueRecovered).toBe(30);
    expect(f.costOfReturns).toBe(16);
  });
  it('top reasons are at most five and shares sum to one', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            reason: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
            quantity: fc.integer({ min: 1, max: 3 }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (ls) => {
          const f = returnFigures(
            [
              {
                channel: 'shopify',
                state: 'graded',
                requestedAt: at(0),
                receivedAt: null,
                refundedAt: null,
                cost: 0,
                lines: ls.map((l) => ({ ...l, sku: 'A', unitPrice: 1, graded: [] })),
              },
            ],
            [],
          );
          expect(f.topReasons.length).toBeLessThanOrEqual(5);
          expect(f.byReason.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1);
          for (let i = 1; i < f.topReasons.length; i++)
            expect(f.topReasons[i - 1]!.units).toBeGreaterThanOrEqual(f.topReasons[i]!.units);
        },
      ),
    );
  });
});

describe('returns warehouse', () => {
  const whs = [
    { id: 1, name: 'Paris', active: true, latitude: 48.86, longitude: 2.34, countryCode: 'FR' },
    { id: 2, name: 'Lyon', active: true, latitude: 45.76, longitude: 4.83, countryCode: 'FR' },
    { id: 3, name: 'Madrid', active: false, latitude: 40.4, longitude: -3.7, countryCode: 'ES' },
  ];
  it('picks the nearest accepting warehouse', () => {
    expect(chooseReturnWarehouse(whs, [], { latitude: 45.7, longitude: 4.9 })?.warehouseId).toBe(2);
    expect(chooseReturnWarehouse(whs, [1], { latitude: 45.7, longitude: 4.9 })?.warehouseId).toBe(1);
    expect(chooseReturnWarehouse(whs, [3], { latitude: 40, longitude: -3 })).toBeNull();
    expect(chooseReturnWarehouse(whs, [], { countryCode: 'FR' })?.warehouseId).toBe(1);
  });
});
