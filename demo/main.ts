import { loadConfigOrExit } from '../core/config.js';
import { createAppContext } from '../core/context.js';
import { createLogger } from '../core/logger.js';
import { onShutdown } from '../core/shutdown.js';
import { buildApp } from '../server/app.js';
import { startWorkers } from '../workers/registry.js';
import { ensureRedis } from './redis.js';

/**
 * `npm run demo`: server, workers and simulators in one process on the embedded database
 * (PGlite allows one process per data directory). Logs go to stderr so stdout carries
 * only the `ready:` line.
 */
const config = loadConfigOrExit({ MIGRATE_ON_START: 'true', ...process.env });
const log = createLogger(config.log.level, 'demo', 2);

let redis;
try {
  redis = await ensureRedis(config.redis.url);
} catch (e) {
  process.stderr.write(`demo: ${(e as Error).message}\n`);
  process.exit(1);
}

const ctx = await createAppContext(config, { logger: log });
const app = await buildApp(ctx);
const workers = await startWorkers(ctx, config.workers.only);
await app.listen({ port: config.http.port, host: config.http.host });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.http.port;
const base = `http://127.0.0.1:${port}`;

for (;;) {
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  if (res.statusCode === 200) break;
  log.warn({ readyz: res.json() }, 'waiting for readiness');
  await new Promise((r) => setTimeout(r, 500));
}
process.stdout.write(`ready: ${base}\n`);

onShutdown(log, async () => {
  await app.close();
  await workers.close();
  await ctx.close();
  await redis.stop();
});
