import { describe, expect, it } from 'vitest';
import { freePort, placeSimOrder, withSimCli } from '../cli-test-run.js';

describe('sim/main.ts mirakl', () => {
  it('needs no environment, prints exactly one ready line with the port asked for, and serves the seller and control APIs', async () => {
    const port = await freePort();
    await withSimCli(
      ['mirakl', '--port', String(port)],
      { PATH: process.env.PATH ?? '' },
      async ({ line, url, output }) => {
        expect(line).toBe(`ready: http://127.0.0.1:${port}`);
        const placed = await placeSimOrder<{ order_id: string }>(url, [{ sku: 'A', quantity: 1 }]);
        const res = await fetch(`${url}/api/orders?order_ids=${placed.order_id}`, {
          headers: { authorization: 'mirakl-demo-key' },
        });
        expect(((await res.json()) as { orders: { order_state: string }[] }).orders[0]!.order_state).toBe(
          'WAITING_ACCEPTANCE',
        );
        const unauthorised = await fetch(`${url}/api/orders`, { headers: { authorization: 'Bearer mirakl-demo-key' } });
        expect(unauthorised.status).toBe(401);
        expect(await unauthorised.json()).toEqual({ status: 401, message: 'Unauthorized' });
        // the published once-a-minute rule for OR11
        const again = await fetch(`${url}/api/orders`, { headers: { authorization: 'mirakl-demo-key' } });
        expect(again.status).toBe(429);
        expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(output().trim().split('\n')).toHaveLength(1);
      },
    );
  });
});
