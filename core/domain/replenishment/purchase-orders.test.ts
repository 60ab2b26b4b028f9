import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  purchaseOrderCsvHeader,
  purchaseOrderCsvRows,
  suggestPurchaseOrders,
  toPurchaseOrderItem,
  type PurchaseOrderItem,
} from './purchase-orders.js';
import { replenishment } from './replenishment.js';
import { addDays } from './dates.js';

const item = (over: Partial<PurchaseOrderItem>): PurchaseOrderItem => ({
  sku: 'SKU',
  supplier: 'Acme',
  inventoryPosition: 100,
  reorderPoint: 800,
  eoq: 707.1,
  meanDailyDemand: 100,
  packSize: 1,
  moq: 1,
  unitCost: 2.5,
  ...over,
});

describe('suggestPurchaseOrders', () => {
  it('groups SKUs at or below their reorder point per supplier and warehouse, with EOQ quantities', () => {
    const orders = suggestPurchaseOrders([
      item({ sku: 'B', packSize: 10 }),
      item({ sku: 'A', packSize: 12, moq: 1000 }),
      item({ sku: 'above', inventoryPosition: 900 }),
      item({ sku: 'C', supplier: 'Zeta', unitCost: null }),
      item({ sku: 'D', warehouse: 'PAR' }),
      item({ sku: 'E', supplier: null }),
    ]);
    expect(orders.map((o) => [o.supplier, o.warehouse, o.lines.map((l) => [l.sku, l.quantity])])).toEqual([
      ['Acme', 'PAR', [['D', 708]]],
      [
        'Acme',
        null,
        [
          ['A', 1008],
          ['B', 710],
        ],
      ],
      ['Zeta', null, [['C', 708]]],
      [null, null, [['E', 708]]],
    ]);
    const acme = orders[1];
    expect(acme?.lines[0]).toMatchObject({
      packs: 84,
      lineCost: 2520,
      unitCost: 2.5,
      reorderPoint: 800,
      inventoryPosition: 100,
      eoq: 707.1,
    });
    expect(acme?.totalUnits).toBe(1718);
    expect(acme?.totalCost).toBe(4295);
    expect(orders[2]?.totalCost).toBeNull();
  });

  it('orders up to the reorder point when the gap is larger than the EOQ', () => {
    const [po] = suggestPurchaseOrders([item({ inventoryPosition: -500, packSize: 50 })]);
    expect(po?.lines[0]?.quantity).toBe(1300);
  });

  it('skips SKUs without demand unless backorders are owed', () => {
    expect(
      suggestPurchaseOrders([item({ meanDailyDemand: 0, reorderPoint: 0, eoq: 0, inventoryPosition: 0 })]),
    ).toEqual([]);
    expect(
      suggestPurchaseOrders([
        item({ meanDailyDemand: 0, reorderPoint: 0, eoq: 0, inventoryPosition: -4, moq: 0, packSize: 6 }),
      ])[0]?.lines[0]?.quantity,
    ).toBe(6);
  });

  it('orders one pack for a position exactly at its reorder point when there is demand', () => {
    const item = {
      sku: 'AT-ROP',
      supplier: null,
      inventoryPosition: 0,
      reorderPoint: 0,
      eoq: null,
      meanDailyDemand: 5e-324,
      packSize: 6,
      moq: 0,
      unitCost: null,
    };
    expect(suggestPurchaseOrders([item])[0]?.lines[0]?.quantity).toBe(6);
  });

  it('every line is whole packs, at least the MOQ, and brings the position back to the reorder point', () => {
    const items = fc.uniqueArray(
      fc.record({
        sku: fc.string({ minLength: 1, maxLength: 4 }),
        supplier: fc.option(fc.constantFrom('S1', 'S2', 'S3'), { nil: null }),
        inventoryPosition: fc.integer({ min: -500, max: 2000 }),
        reorderPoint: fc.double({ min: 0, max: 2000, noNaN: true }),
        eoq: fc.option(fc.double({ min: 0, max: 3000, noNaN: true }), { nil: null }),
        meanDailyDemand: fc.double({ min: 0, max: 200, noNaN: true }),
        packSize: fc.integer({ min: 1, max: 50 }),
        moq: fc.integer({ min: 0, max: 300 }),
        unitCost: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
      }),
      { maxLength: 30, selector: (i) => i.sku },
    );
    fc.assert(
      fc.property(items, (list) => {
        const orders = suggestPurchaseOrders(list);
        const lines = orders.flatMap((o) => o.lines);
        for (const l of lines) {
          const src = list.find((i) => i.sku === l.sku);
          expect(src).toBeDefined();
          expect(l.quantity % l.packSize).toBe(0);
          expect(l.quantity).toBeGreaterThanOrEqual(src?.moq ?? 0);
          expect(l.inventoryPosition).toBeLessThanOrEqual(l.reorderPoint);
          expect(l.inventoryPosition + l.quantity).toBeGreaterThan(l.reorderPoint - 1e-9);
        }
        const due = list.filter(
          (i) => i.inventoryPosition <= i.reorderPoint && (i.meanDailyDemand > 0 || i.inventoryPosition < 0),
        );
        expect(lines.length).toBe(due.length);
      }),
    );
  });

  it('builds an item from a replenishment result', () => {
    const history = Array.from({ length: 30 }, (_, i) => ({
      date: addDays('2026-11-22', i - 29),
      units: 100,
      revenue: 1000,
    }));
    const r = replenishment(history, {
      sku: 'X',
      asOf: '2026-11-22',
      leadTimeDays: 5,
      orderCost: 50,
      holdingCostPerUnitYear: 2,
      unitPrice: 10,
      stock: { onHand: 100, reserved: 0 },
    });
    const poItem = toPurchaseOrderItem(r, { supplier: 'Acme', packSize: 6, moq: 12, unitCost: 4 });
    expect(poItem).toMatchObject({
      sku: 'X',
      inventoryPosition: 100,
      reorderPoint: 500,
      meanDailyDemand: 100,
      supplier: 'Acme',
    });
    expect(suggestPurchaseOrders([poItem])[0]?.lines[0]?.quantity).toBe(1356);
  });
});

describe('purchaseOrderCsvRows', () => {
  it('header plus one string row per line', () => {
    const rows = purchaseOrderCsvRows(
      suggestPurchaseOrders([
        item({ sku: 'A', title: 'Blue mug', packSize: 12, moq: 1000, warehouse: 'PAR' }),
        item({ sku: 'B', unitCost: null, supplier: null }),
      ]),
    );
    expect(rows[0]).toEqual([...purchaseOrderCsvHeader]);
    expect(rows.slice(1)).toEqual([
      ['Acme', 'PAR', 'A', 'Blue mug', '1008', '12', '84', '2.5', '2520', '100', '800', '707.1'],
      ['', '', 'B', '', '708', '1', '708', '', '', '100', '800', '707.1'],
    ]);
  });

  it('keeps text cells from being read as spreadsheet formulas', () => {
    const rows = purchaseOrderCsvRows(
      suggestPurchaseOrders([item({ sku: '=HYPERLINK("x")', supplier: '+cmd', title: '@SUM(A1)' })]),
    );
    expect(rows[1]?.slice(0, 4)).toEqual(["'+cmd", '', '\'=HYPERLINK("x")', "'@SUM(A1)"]);
  });

  it('only a header when nothing is due', () => {
    expect(purchaseOrderCsvRows([])).toEqual([[...purchaseOrderCsvHeader]]);
  });
});
