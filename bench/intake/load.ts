import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { freePort } from '../lib/free-port.js';
import { benchBody } from './payload.js';

export interface Measured {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  non2xx: number;
  errors: number;
}

/** One intake server (serve.ts) in its own process, listening on a free port. */
export async function startServer(
  kind: string,
  dbUrl: string,
  prefix: string,
): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/intake/serve.ts', kind, String(port), dbUrl, prefix],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
  });
  child.removeAllListeners('exit');
  return { port, child };
}

/** autocannon against POST /webhooks with signed orders/create bodies, a distinct event id per request; 2 s warm-up first. */
export async function load(port: number, seconds: number, connections: number): Promise<Measured> {
  const { body, hmac } = benchBody();
  const run = (duration: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}/webhooks`,
      method: 'POST',
      connections,
      duration,
      body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': 'bench.myshopify.com',
        'x-shopify-api-version': '2026-07',
        'x-shopify-hmac-sha256': hmac,
      },
      // every delivery is a distinct event, so every one is a durable write
      requests: [
        {
          setupRequest: (req) => {
            const id = randomUUID();
            req.headers = {
              ...req.headers,
              'x-shopify-webhook-id': id,
              'x-shopify-event-id': id,
              'x-shopify-triggered-at': new Date().toISOString(),
            };
            return req;
          },
        },
      ],
    });
  await run(Math.min(2, seconds)); // warm-up: JIT, connection pools
  const r = await run(seconds);
  return {
    rps: Math.round(r.requests.average),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/**
 * The machine's HMAC-only ceiling: the `ceiling` server (verify the signature, answer) under
 * autocannon for `seconds`, as the intake bench measures it. CPU figures from machines of
 * different speed are compared through it.
 */
export async function measureCeiling(seconds: number, connections = 50): Promise<Measured> {
  const { port, child } = await startServer('ceiling', '', '');
  try {
    return await load(port, seconds, connections);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
