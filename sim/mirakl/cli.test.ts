import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

describe('sim/main.ts mirakl', () => {
  it('needs no environment, prints exactly one ready line with the port asked for, and serves the seller and control APIs', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'sim/main.ts', 'mirakl', '--port', String(port)], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
        });
        child.once('exit', (code) => reject(new Error(`exited with ${String(code)}`)));
      });
      expect(line).toBe(`ready: http://127.0.0.1:${port}`);
      const url = line.slice('ready: '.length);
      const placed = (await (
        await fetch(`${url}/_sim/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ lines: [{ sku: 'A', quantity: 1 }] }),
        })
      ).json()) as { order_id: string };
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
      expect(out.trim().split('\n')).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
