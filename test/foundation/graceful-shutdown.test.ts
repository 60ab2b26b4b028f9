import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../core/integrations/shopify/hmac.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

describe('graceful shutdown', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  it('lets a request that is in flight when SIGTERM arrives finish, then exits 0', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: db.url,
        LOG_LEVEL: 'info',
        QUEUE_PREFIX: `{gs${port}}`,
        SHOPIFY_API_ORIGIN: 'http://127.0.0.1:9',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: string[] = [];
    child.stdout!.on('data', (d: Buffer) => out.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => out.push(d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('Server listening') && resolve());
      child.once('exit', () => reject(new Error('server exited before listening')));
    });

    // a webhook whose body arrives slowly: SIGTERM lands while it is still being sent
    const body = JSON.stringify({ id: 1, note: 'x'.repeat(2000) });
    const response = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/webhooks',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-shopify-topic': 'orders/create',
            'x-shopify-shop-domain': 'gs.myshopify.com',
            'x-shopify-webhook-id': 'gs-1',
            'x-shopify-event-id': 'gs-1',
            'x-shopify-hmac-sha256': signBody(body, 'demo-api-secret'),
          },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.write(body.slice(0, 100));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(100)), 500);
      }, 200);
    });
    expect(await response).toBe(200);
    const code = await exited;
    expect(code).toBe(0);
  }, 30_000);
});
