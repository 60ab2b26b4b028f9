import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../test-support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('Admin GraphQL validation against the real 2026-07 schema', () => {
  it('answers a valid query with data and cost', async () => {
    const r = await h.gql('{ shop { name myshopifyDomain currencyCode } }');
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({
      shop: { name: 'Test Shop', myshopifyDomain: 'test-shop.myshopify.com', currencyCode: 'EUR' },
    });
    expect(r.body.extensions?.cost.requestedQueryCost).toBe(1);
    expect(r.body.extensions?.cost.throttleStatus.maximumAvailable).toBe(2000);
  });

  it("rejects a field that does not exist with Shopify's error shape", async () => {
    const r = await h.gql('query ShopName { shop { name nonsenseField } }');
    expect(r.status).toBe(200);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors).toEqual([
      {
        message: "Field 'nonsenseField' doesn't exist on type 'Shop'",
        locations: [{ line: 1, column: 30 }],
        path: ['query ShopName', 'shop', 'nonsenseField'],
        extensions: { code: 'undefinedField', typeName: 'Shop', fieldName: 'nonsenseField' },
      },
    ]);
  });

  it('reports missing required arguments and unknown arguments', async () => {
    const r = await h.gql('{ order { id } orders(first: 1, bogus: 2) { nodes { id } } }');
    const codes = (r.body.errors as { extensions?: { code?: unknown } }[]).map((e) => e.extensions?.code);
    expect(codes).toContain('missingRequiredArguments');
    expect(codes).toContain('argumentNotAccepted');
  });

  it('answers "not simulated" for a valid field the simulator does not implement, never a silent null', async () => {
    const r = await h.gql('{ shop { name customerAccountsV2 { url } } }');
    expect(r.status).toBe(200);
    const errors = r.body.errors as { message: string; path?: unknown[] }[];
    expect(errors[0]?.message).toBe('not simulated: Shop.customerAccountsV2 (at shop.customerAccountsV2)');
    expect(errors[0]?.path).toEqual(['shop', 'customerAccountsV2']);
  });

  it('rejects a syntax error and a bad variable', async () => {
    const parse = await h.gql('{ shop { name }');
    expect((parse.body.errors as { message: string }[])[0]?.message).toMatch(/^Parse error/);
    const vars = await h.gql('query O($id: ID!) { order(id: $id) { id } }', {});
    expect((vars.body.errors as { message: string }[])[0]?.message).toBe(
      'Variable $id of type ID! was provided invalid value',
    );
  });

  it("answers 401 with Shopify's body without a valid token", async () => {
    const r = await h.gql('{ shop { name } }', undefined, 'shpat_wrong');
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
  });
});
