import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP, startHarness, type Harness } from '../test-support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  for (const sku of ['TSHIRT-BLEU-S', 'TSHIRT-BLEU-M', 'MUG'])
    h.sim.control.setStock(SHOP, { sku, locationId: h.paris.id, available: 20 });
  for (let i = 0; i < 3; i++) {
    h.sim.control.placeOrder(SHOP, {
      lines: [
        { sku: 'TSHIRT-BLEU-S', quantity: 1 },
        { sku: 'MUG', quantity: 2 },
      ],
      shippingAddress: { address1: `${i} rue A`, city: 'Paris', zip: '75001', countryCode: 'FR' },
    });
  }
});
afterAll(async () => {
  await h.close();
});

const RUN = `mutation BulkRunQuery($query: String!) {
  bulkOperationRunQuery(query: $query, groupObjects: false) { bulkOperation { id status } userErrors { field message code } }
}`;

interface Line {
  id: string;
  __parentId?: string;
  [k: string]: unknown;
}

async function runBulk(
  query: string,
): Promise<{ lines: Line[]; op: { status: string; objectCount: string; rootObjectCount: string; url: string } }> {
  const started = await h.gql(RUN, { query });
  const run = (started.body.data as { bulkOperationRunQuery: { bulkOperation: { id: string }; userErrors: unknown[] } })
    .bulkOperationRunQuery;
  expect(run.userErrors).toEqual([]);
  await h.sim.waitForIdleWebhooks();
  const polled = await h.gql(
    `query BulkOperation($id: ID!) { bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount url partialDataUrl completedAt } }`,
    { id: run.bulkOperation.id },
  );
  const op = (
    polled.body.data as { bulkOperation: { status: string; objectCount: string; rootObjectCount: string; url: string } }
  ).bulkOperation;
  const text = await (await fetch(op.url)).text();
  return {
    op,
    lines: text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line),
  };
}

describe('bulk operations', () => {
  it('runs a query and serves JSONL with __parentId lines after their parents', async () => {
    const { op, lines } = await runBulk(
      `{ orders(query: "created_at:>='2020-01-01'") { edges { node { id name lineItems { edges { node { id sku quantity } } } } } } }`,
    );
    expect(op).toMatchObject({ status: 'COMPLETED', objectCount: '9', rootObjectCount: '3' });
    const orders = lines.filter((l) => l.id.includes('/Order/'));
    const items = lines.filter((l) => l.id.includes('/LineItem/'));
    expect(orders).toHaveLength(3);
    expect(items).toHaveLength(6);
    expect(orders.every((o) => o.__parentId === undefined && !('lineItems' in o))).toBe(true);
    for (const item of items) {
      const parentAt = lines.findIndex((l) => l.id === item.__parentId);
      expect(parentAt).toBeGreaterThanOrEqual(0);
      expect(parentAt).toBeLessThan(lines.indexOf(item));
    }
  });

  it('points children of a nested object at the connection node (variant → inventory levels)', async () => {
    const { lines } = await runBulk(
      `{ productVariants { edges { node { id sku inventoryItem { id tracked inventoryLevels { edges { node { id location { id } quantities(names: ["available", "on_hand"]) { name quantity } } } } } } } } }`,
    );
    const levels = lines.filter((l) => l.id.includes('/InventoryLevel/'));
    expect(levels).toHaveLength(3);
    expect(levels.every((l) => typeof l.__parentId === 'string' && l.__parentId.includes('/ProductVariant/'))).toBe(
      true,
    );
    const variant = lines.find((l) => l.sku === 'MUG') as Line & { inventoryItem: { tracked: boolean } };
    expect(variant.inventoryItem.tracked).toBe(true);
  });

  it('announces bulk_operations/finish and refuses queries Shopify refuses', async () => {
    h.sim.resetLogs();
    await runBulk('{ locations { nodes { id name } } }');
    expect(h.sim.webhookLog({ topic: 'bulk_operations/finish' })).toHaveLength(1);
    for (const bad of [
      '{ shop { name } }',
      '{ orders { nodes { name lineItems { nodes { id } } } } }',
      '{ products { nodes { id variants { nodes { id inventoryItem { inventoryLevels { nodes { id } } } } } } } }',
    ]) {
      const r = await h.gql(RUN, { query: bad });
      const errs = (r.body.data as { bulkOperationRunQuery: { userErrors: { code: string }[] } }).bulkOperationRunQuery
        .userErrors;
      expect(errs[0]?.code).toBe('INVALID');
    }
  });
});
