import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { freePort } from '../lib/free-port.js';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { note, numberArg, parseArgs } from '../lib/args.js';
import { createBenchDatabase } from '../lib/bench-db.js';
import { benchBody } from './payload.js';

interface Measured {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  non2xx: number;
  errors: number;
}

async function startServer(
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

async function load(port: number, seconds: number, connections: number): Promise<Measured> {
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

/** W0 ceiling vs our intake vs the shopify-app-express peer, in one run on one machine. */
export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const seconds = numberArg(args, 'seconds', 10);
  const connections = numberArg(args, 'connections', 50);
  const db = await createBenchDatabase();
  const prefix = `{bench${randomBytes(4).toString('hex')}}`;
  const results: Record<string, Measured> = {};
  try {
    for (const kind of ['ceiling', 'intake', 'peer']) {
      const { port, child } = await startServer(kind, db.url, prefix);
      note(`${kind}: ${seconds}s at ${connections} connections`);
      try {
        results[kind] = await load(port, seconds, connections);
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      note(`${kind}: ${JSON.stringify(results[kind])}`);
    }
  } finally {
    const redis = new Redis();
    const keys = await redis.keys(`${prefix}*`);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    redis.disconnect();
    await db.drop();
  }
  const { ceiling, intake, peer } = results as Record<'ceiling' | 'intake' | 'peer', Measured>;
  const out = {
    seconds,
    connections,
    ceiling: { rps: ceiling.rps, p99_ms: ceiling.p99_ms },
    intake: {
      rps: intake.rps,
      p50_ms: intake.p50_ms,
      p99_ms: intake.p99_ms,
      non2xx: intake.non2xx,
      errors: intake.errors,
    },
    peer: { rps: peer.rps, p99_ms: peer.p99_ms, non2xx: peer.non2xx },
    ratio_vs_ceiling: Number((intake.rps / ceiling.rps).toFixed(3)),
    ratio_vs_peer: Number((intake.rps / peer.rps).toFixed(3)),
  };
  if (!args.has('json'))
    note(
      `intake ${out.intake.rps} req/s (p99 ${out.intake.p99_ms} ms), ${out.ratio_vs_ceiling}× ceiling, ${out.ratio_vs_peer}× peer`,
    );
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
