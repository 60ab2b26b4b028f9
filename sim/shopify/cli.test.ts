import { describe, expect, it } from 'vitest';
import { withSimCli } from '../cli-test-run.js';

describe('sim/main.ts shopify', () => {
  it('prints exactly one ready line on stdout and serves the control API', async () => {
    await withSimCli(
      ['shopify', '--port', '0', '--seed', 'demo'],
      { ...process.env, SHOPIFY_API_KEY: 'cli-key', SHOPIFY_API_SECRET: 'cli-secret' },
      async ({ line, url, output }) => {
        expect(line).toMatch(/^ready: http:\/\/127\.0\.0\.1:\d+$/);
        const shops = (await (await fetch(`${url}/_sim/shops`)).json()) as {
          domain: string;
          counts: { orders: number };
        }[];
        expect(shops[0]).toMatchObject({ domain: 'demo-fr.myshopify.com', counts: { orders: 320 } });
        expect(output().trim().split('\n')).toHaveLength(1);
      },
    );
  });
});
