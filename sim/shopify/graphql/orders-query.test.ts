import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, SHOP, startHarness, type Harness } from '../test-support/harness.js';

let h: Harness;
const names: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  h.sim.control.setStock(SHOP, { sku: 'MUG', locationId: h.paris.id, available: 100 });
  for (let i = 0; i < 7; i++) {
    h.clock.advance(60_000);
    const o = h.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'MUG', quantity: 1 }],
      shippingAddress: { address1: `${i} rue A`, city: 'Paris', zip: '75001', countryCode: 'FR' },
      tags: i % 2 === 0 ? ['even'] : [],
      financialStatus: i === 6 ? 'pending' : 'paid',
    });
    names.push(o.name);
  }
});
afterAll(async () => {
  await h.close();
});

const PAGE = `query Page($q: String, $after: String) {
  orders(first: 3, after: $after, query: $q, sortKey: UPDATED_AT) { nodes { name updatedAt } pageInfo { hasNextPage endCursor } }
}`;

interface Page {
  orders: {
    nodes: { name: string; updatedAt: string }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

async function all(q: string | null): Promise<string[]> {
  const out: string[] = [];
  let after: string | null = null;
  for (;;) {
    const r = await h.gql(PAGE, { q, after });
    const page = (r.body.data as unknown as Page).orders;
    out.push(...page.nodes.map((n) => n.name));
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}

describe('orders(query:, sortKey: UPDATED_AT)', () => {
  it('pages through every order in updated_at order', async () => {
    expect(await all(null)).toEqual(names);
  });

  it("filters on updated_at:>'…', tags and financial status", async () => {
    const cutoff = new Date(h.clock.now() - 3.5 * 60_000).toISOString();
    expect(await all(`updated_at:>'${cutoff}'`)).toEqual(names.slice(3));
    expect(await all('tag:even')).toEqual([names[0], names[2], names[4], names[6]]);
    expect(await all('financial_status:pending')).toEqual([names[6]]);
    expect(await all(`tag:even AND -financial_status:pending`)).toEqual([names[0], names[2], names[4]]);
  });

  it('moves an order to the end of the UPDATED_AT order when it changes, so cursors catch up', async () => {
    const first = await h.gql(PAGE, { q: null, after: null });
    const cursor = (first.body.data as unknown as Page).orders.pageInfo.endCursor;
    h.clock.advance(60_000);
    h.sim.control.cancelOrder(SHOP, h.sim.control.listOrders(SHOP).find((o) => o.name === names[0])?.id ?? 0);
    const rest = await h.gql(PAGE, { q: null, after: cursor });
    const seen = (rest.body.data as unknown as Page).orders.nodes.map((n) => n.name);
    expect(seen).toEqual(names.slice(3, 6));
    expect(await all(null)).toEqual([...names.slice(1), names[0]]);
  });

  it('requires first or last and caps pages at 250', async () => {
    const none = await h.gql('{ orders { nodes { id } } }');
    expect(errorsOf(none)[0]?.message).toBe('you must provide one of first or last');
    const big = await h.gql('{ orders(first: 251) { nodes { id } } }');
    expect(errorsOf(big)[0]?.extensions.code).toBe('MAX_PAGE_SIZE_EXCEEDED');
  });
});
