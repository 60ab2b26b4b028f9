import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

describe('sim/main.ts shopify', () => {
  it('prints exactly one ready line on stdout and serves the control API', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'sim/main.ts', 'shopify', '--port', '0', '--seed', 'demo'],
      {
        env: { ...process.env, SHOPIFY_API_KEY: 'cli-key', SHOPIFY_API_SECRET: 'cli-secret' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
        });
        child.once('exit', (code) => reject(new Error(`exited with ${String(code)}`)));
      });
      expect(line).toMatch(/^ready: http:\/\/127\.0\.0\.1:\d+$/);
      const url = line.slice('ready: '.length);
      const shops = (await (await fetch(`${url}/_sim/shops`)).json()) as {
        domain: string;
        counts: { orders: number };
      }[];
      expect(shops[0]).toMatchObject({ domain: 'demo-fr.myshopify.com', counts: { orders: 320 } });
      expect(out.trim().split('\n')).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
