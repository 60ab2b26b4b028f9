import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { note, numberArg, parseArgs } from '../lib/args.js';
import { createBenchDatabase } from '../lib/bench-db.js';
import { load, startServer, type Measured } from './load.js';

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
