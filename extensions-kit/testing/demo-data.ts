import type { AdminOrderBlock, AdminProductBlock, CustomerOrderStatus } from '../../core/contracts/extensions.js';

/** Demo answers of /api/extensions, shaped by the contracts: the unit tests and the browser harness render them. */
export const demoOrder: AdminOrderBlock = {
  order: { id: 1042, name: '#1042', status: 'partially_shipped', onHoldReason: null },
  allocations: [
    {
      id: 311,
      warehouse: 'Paris Nord',
      status: 'shipped',
      units: 2,
      shippedUnits: 2,
      lines: [{ sku: 'THE-VERT', quantity: 2, shippedQuantity: 2 }],
      dispatchedAt: '2026-11-30T09:12:00.000Z',
      acknowledgedAt: '2026-11-30T09:20:00.000Z',
      promisedShipBy: '2026-11-30T17:00:00.000Z',
      problem: null,
    },
    {
      id: 312,
      warehouse: 'Lyon Sud',
      status: 'acknowledged',
      units: 1,
      shippedUnits: 0,
      lines: [{ sku: 'TASSE-NOIRE', quantity: 1, shippedQuantity: 0 }],
      dispatchedAt: '2026-11-30T09:12:00.000Z',
      acknowledgedAt: '2026-11-30T10:02:00.000Z',
      promisedShipBy: '2026-12-01T17:00:00.000Z',
      problem: null,
    },
  ],
  backorderedUnits: 0,
  decision: {
    outcome: 'split',
    text: 'Split into 2 shipments: Paris Nord ships 2 units, Lyon Sud ships 1 unit.',
    warehouses: ['Paris Nord', 'Lyon Sud'],
    shipments: 2,
    orderedUnits: 3,
    allocatedUnits: 3,
    backorderedUnits: 0,
    evaluatedAt: '2026-11-30T09:11:58.000Z',
  },
  shipments: [
    {
      id: 9001,
      warehouse: 'Paris Nord',
      carrier: 'Colissimo',
      status: 'in_transit',
      shippedAt: '2026-11-30T15:40:00.000Z',
      tracking: [
        { number: '6A12345678901', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901' },
      ],
    },
  ],
  links: { order: 'app:orders/1042', trace: 'app:orders/1042#trace' },
  canReroute: true,
};

export const demoProduct: AdminProductBlock = {
  skus: [
    {
      id: 77,
      sku: 'THE-VERT-100',
      title: 'Thé vert 100 g',
      levels: [
        { warehouse: 'Lyon Sud', onHand: 3, reserved: 1, available: 2 },
        { warehouse: 'Paris Nord', onHand: 40, reserved: 6, available: 34 },
      ],
      sellable: [
        { channel: 'shopify', quantity: 34, pushedAt: '2026-12-03T08:00:00.000Z' },
        { channel: 'amazon', quantity: 30, pushedAt: '2026-12-03T08:00:05.000Z' },
      ],
      reorderPoint: 48.2,
      daysOfCover: 9.5,
      alerts: [
        {
          kind: 'below_reorder_point',
          severity: 'warning',
          message: 'Inventory position 36 is at or below the reorder point 48.2',
        },
      ],
      alertStatus: 'warning',
      link: 'app:stock/77',
    },
    {
      id: 78,
      sku: 'THE-VERT-250',
      title: 'Thé vert 250 g',
      levels: [{ warehouse: 'Paris Nord', onHand: 120, reserved: 0, available: 120 }],
      sellable: [{ channel: 'shopify', quantity: 120, pushedAt: '2026-12-03T08:00:00.000Z' }],
      reorderPoint: 20,
      daysOfCover: 61,
      alerts: [],
      alertStatus: 'ok',
      link: 'app:stock/78',
    },
  ],
};

export const demoCustomerOrder: CustomerOrderStatus = {
  order: { name: '#1042' },
  unshippedUnits: 1,
  returnUrl: 'https://app.example.com/t/q8Zr4xW2nVb7LmT0aPc3Ks/return',
  shipments: [
    {
      id: 9001,
      carrier: 'Colissimo',
      status: 'in_transit',
      shippedAt: '2026-11-30T15:40:00.000Z',
      deliveredAt: null,
      tracking: [
        { number: '6A12345678901', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901' },
      ],
      items: [{ title: 'Thé vert 100 g', quantity: 2 }],
      timeline: [
        { status: 'shipped', occurredAt: '2026-11-30T15:40:00.000Z', description: null, location: null },
        {
          status: 'in_transit',
          occurredAt: '2026-12-01T06:10:00.000Z',
          description: 'Pris en charge par La Poste',
          location: 'Gonesse',
        },
        {
          status: 'out_for_delivery',
          occurredAt: '2026-12-02T07:45:00.000Z',
          description: 'En cours de livraison',
          location: 'Lyon 3e',
        },
      ],
    },
  ],
};
