/**
 * The app (server and every worker) in its own process for the e2e benchmark, as it would run
 * in production: the simulators, robots and load generator live in the parent process.
 * Usage: app-process.ts <dbUrl> <simUrl> <queuePrefix> <port>
 */
import { loadConfig } from '../../core/config.js';
import { createAppContext } from '../../core/context.js';
import { createLogger } from '../../core/logger.js';
import { buildApp } from '../../server/app.js';
import { startWorkers } from '../../workers/registry.js';

const [dbUrl, simUrl, prefix, port] = process.argv.slice(2) as [string, string, string, string];
const config = loadConfig({
  DATABASE_URL: dbUrl,
  QUEUE_PREFIX: prefix,
  SHOPIFY_API_KEY: 'bench-key',
  SHOPIFY_API_SECRET: 'bench-secret',
  SHOPIFY_API_ORIGIN: simUrl,
  LOG_LEVEL: 'silent',
  DB_POOL_SIZE: '40',
  PORT: port,
  APP_URL: `http://127.0.0.1:${port}`,
  FEED_RATE_LIMIT_PER_MINUTE: '100000',
});
const ctx = await createAppContext(config, { logger: createLogger('silent', 'bench-app', 2) });
const app = await buildApp(ctx, { logger: false });
await app.listen({ port: Number(port), host: '127.0.0.1' });
const workers = await startWorkers(ctx);
process.stdout.write('listening\n');
const stop = async () => {
  await app.close();
  await workers.close();
  await ctx.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
