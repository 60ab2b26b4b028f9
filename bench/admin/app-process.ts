/**
 * The app's HTTP server in its own process for the admin benchmark, as `npm start` runs it: the
 * load generator lives in the parent process so its own CPU does not slow the server's event loop.
 * The bench shop gets a stored offline session, so its session tokens need no token exchange. The
 * `simulate` worker runs here too, as in the demo: try-on-past-orders is a job the admin polls.
 * Usage: app-process.ts <dbUrl> <queuePrefix> <port> <shopDomain>
 */
import { Session } from '@shopify/shopify-api';
import { loadConfig } from '../../core/config.js';
import { createAppContext } from '../../core/context.js';
import { createLogger } from '../../core/logger.js';
import { buildApp } from '../../server/app.js';
import { startWorkers } from '../../workers/registry.js';

const [dbUrl, prefix, port, domain] = process.argv.slice(2) as [string, string, string, string];
const config = loadConfig({
  DATABASE_URL: dbUrl,
  QUEUE_PREFIX: prefix,
  SHOPIFY_API_KEY: 'bench-key',
  SHOPIFY_API_SECRET: 'bench-secret',
  SHOPIFY_API_ORIGIN: 'http://127.0.0.1:9',
  LOG_LEVEL: 'silent',
  PORT: port,
  ADMIN_RATE_LIMIT_PER_MINUTE: '100000000',
  APP_URL: `http://127.0.0.1:${port}`,
});
const ctx = await createAppContext(config, { logger: createLogger('silent', 'bench-admin', 2) });
await ctx.shopTokens.saveSession(
  domain,
  new Session({
    id: `offline_${domain}`,
    shop: domain,
    state: 'bench',
    isOnline: false,
    accessToken: 'bench-offline-token',
    scope: '',
  }),
);
const app = await buildApp(ctx, { logger: false });
await app.listen({ port: Number(port), host: '127.0.0.1' });
const workers = await startWorkers(ctx, ['simulate']);
process.stdout.write('listening\n');
const stop = async () => {
  await app.close();
  await workers.close();
  await ctx.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
