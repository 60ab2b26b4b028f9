import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, SHOP, startHarness, type Harness } from '../test-support/harness.js';

// a mutation costs 10 requested and 10 actual, whatever it answers
const TEN =
  'mutation { fulfillmentOrderReleaseHold(id: "gid://shopify/FulfillmentOrder/1") { userErrors { message } } }';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('cost-based throttling (leaky bucket)', () => {
  it('answers THROTTLED when the bucket cannot cover the requested cost, and recovers at the restore rate', async () => {
    h.sim.control.setThrottle(SHOP, { maximumAvailable: 100, restoreRate: 10, currentlyAvailable: 100 });
    for (let i = 0; i < 10; i++) {
      const r = await h.gql(TEN);
      expect(r.body.errors).toBeUndefined();
      expect(r.body.extensions?.cost).toMatchObject({
        requestedQueryCost: 10,
        actualQueryCost: 10,
        throttleStatus: { currentlyAvailable: 90 - i * 10, maximumAvailable: 100, restoreRate: 10 },
      });
    }
    const throttled = await h.gql(TEN);
    expect(throttled.status).toBe(200);
    expect(throttled.body).toEqual({
      errors: [
        {
          message: 'Throttled',
          extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 10,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 100, currentlyAvailable: 0, restoreRate: 10 },
        },
      },
    });
    h.clock.advance(500); // 5 points back: not enough for 10
    expect(errorsOf(await h.gql(TEN))[0]?.extensions.code).toBe('THROTTLED');
    h.clock.advance(500); // 10 points
    const ok = await h.gql(TEN);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.extensions?.cost.throttleStatus.currentlyAvailable).toBe(0);
    expect(h.sim.requestLog({ shop: SHOP }).filter((e) => e.outcome === 'throttled')).toHaveLength(2);
  });

  it('restores at the new rate when the rate is halved mid-run', async () => {
    h.sim.control.setThrottle(SHOP, { maximumAvailable: 100, restoreRate: 10, currentlyAvailable: 0 });
    h.sim.control.setThrottle(SHOP, { restoreRate: 5 });
    h.clock.advance(1000);
    const r = await h.gql(TEN);
    expect(r.body.extensions?.cost.throttleStatus).toMatchObject({ currentlyAvailable: 5, restoreRate: 5 });
    expect(errorsOf(r)[0]?.extensions.code).toBe('THROTTLED');
    h.clock.advance(1000);
    expect((await h.gql(TEN)).body.errors).toBeUndefined();
  });

  it('charges the requested cost up front and refunds down to the actual cost', async () => {
    h.sim.control.setThrottle(SHOP, { maximumAvailable: 1000, restoreRate: 50, currentlyAvailable: 1000 });
    const r = await h.gql('{ orders(first: 50) { nodes { id lineItems(first: 10) { nodes { id } } } } }');
    expect(r.body.extensions?.cost.requestedQueryCost).toBe(2 + 50 * (1 + 2 + 10));
    expect(r.body.extensions?.cost.actualQueryCost).toBe(2);
    expect(r.body.extensions?.cost.throttleStatus.currentlyAvailable).toBe(998);
  });

  it('refuses a query over the single-query cap with MAX_COST_EXCEEDED and no charge', async () => {
    h.sim.control.setThrottle(SHOP, { maximumAvailable: 2000, restoreRate: 1000, currentlyAvailable: 2000 });
    const r = await h.gql('{ orders(first: 250) { nodes { id lineItems(first: 100) { nodes { id } } } } }');
    const err = errorsOf(r)[0];
    expect(err?.extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', cost: 2 + 250 * (1 + 2 + 100), maxCost: 1000 });
    expect(h.sim.shop(SHOP).bucket.currentlyAvailable).toBe(2000);
  });
});
