import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { loadConfig } from '../../../core/config.js';
import { createAppContext, type AppContext } from '../../../core/context.js';
import { createDatabase, type Database } from '../../../core/db/client.js';
import { createLogger } from '../../../core/logger.js';
import { createShopifySim, type ShopifySim } from '../../../sim/shopify/index.js';
import { freePort } from '../../../bench/lib/free-port.js';
import { HOT, REGULAR, installFlashShop, type FlashShop } from '../../../bench/e2e/flash-shop.js';
import { appProcess, httpReady, workersReady, type AppProcess } from '../../../bench/lib/app-processes.js';
import { startPrivatePostgres, startPrivateRedis, type PrivatePostgres, type PrivateRedis } from './services.js';

export const API_KEY = 'fault-key';
export const API_SECRET = 'fault-secret';

/**
 * The flash-sale system under fire: the server and `workers` worker processes as separate
 * processes on a private Postgres and a private Redis; in this process the Shopify simulator,
 * the 3PL robots (each holding the warehouse's real count, so an oversell is refused and seen)
 * and the load. `ctx` is an app context of this process on the same services, for the checks.
 */
export interface Stack {
  sim: ShopifySim;
  appUrl: string;
  database: Database;
  redis: PrivateRedis;
  pg: PrivatePostgres;
  server: AppProcess;
  workers: AppProcess[];
  shop: FlashShop;
  ctx: AppContext;
  /** units counted per warehouse code and SKU at opening */
  opening: Record<string, Record<string, number>>;
  logDir: string;
  close(): Promise<void>;
}

export async function startStack(opts: { workers: number; hotStockPerLocation: number }): Promise<Stack> {
  const logDir = mkdtempSync(join(tmpdir(), 'lapp-faults-'));
  const [redis, pg] = await Promise.all([startPrivateRedis(), startPrivatePostgres()]);
  const admin = postgres(pg.url('postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe('create database lapp');
  await admin.end();
  const database = await createDatabase({ url: pg.url('lapp'), pgliteDir: '', poolSize: 4 });
  await database.migrate();

  const sim = createShopifySim({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    webhooks: { retryBaseMs: 500, maxConcurrent: 64, timeoutMs: 5000 },
  });
  const simUrl = await sim.start(0);
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    DATABASE_URL: pg.url('lapp'),
    REDIS_URL: redis.url,
    QUEUE_PREFIX: '{fault}',
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: API_SECRET,
    SHOPIFY_API_ORIGIN: simUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: appUrl,
    LOG_LEVEL: 'info',
    DB_POOL_SIZE: '10',
    FEED_RATE_LIMIT_PER_MINUTE: '100000',
    ADMIN_RATE_LIMIT_PER_MINUTE: '100000',
    PUSH_ALLOW_PRIVATE_NETWORK: 'true',
    // the sweeper's cadence shortened so a lost job is found within the run, not within minutes
    SWEEP_EVERY_SECONDS: '2',
    SWEEP_GRACE_SECONDS: '5',
    SCHEDULERS_REASSERT_SECONDS: '2',
  };
  const server = appProcess({
    name: 'server',
    entry: 'server/main.ts',
    env,
    logDir,
    ready: () => httpReady(`${appUrl}/healthz`),
  });
  const workers = Array.from({ length: opts.workers }, (_, i) =>
    appProcess({ name: `workers-${i + 1}`, entry: 'workers/main.ts', env, logDir, ready: workersReady }),
  );
  await server.start();
  await Promise.all(workers.map((w) => w.start()));
  sim.setAppUrl(appUrl);

  const opening: Stack['opening'] = {};
  const shop = await installFlashShop(sim, appUrl, database, {
    hotStockPerLocation: opts.hotStockPerLocation,
    robot: { pollIntervalMs: 200, concurrency: 8, shipDelayMs: { min: 50, max: 150 } },
    robotCount: (code) => {
      opening[code] = {
        ...Object.fromEntries(HOT.map((s) => [s, opts.hotStockPerLocation])),
        ...Object.fromEntries(REGULAR.map((s) => [s, 100_000])),
      };
      return opening[code];
    },
  });
  for (const r of shop.robots) await r.start();

  const ctx = await createAppContext(loadConfig({ ...env, LOG_LEVEL: 'warn' }), {
    name: 'fault-checks',
    logger: createLogger('silent', 'fault-checks', 2),
  });
  return {
    sim,
    appUrl,
    database,
    redis,
    pg,
    server,
    workers,
    shop,
    ctx,
    opening,
    logDir,
    async close() {
      const step = async (what: string, fn: () => Promise<unknown>) => {
        try {
          await fn();
        } catch (e) {
          process.stderr.write(`closing the fault stack, ${what}: ${(e as Error).message}\n`);
        }
      };
      for (const r of shop.robots) await step('robot', () => r.stop());
      await step('app processes', () => Promise.all([server, ...workers].map((p) => p.stop())));
      await step('checks context', () => ctx.close());
      await step('simulator', () => sim.stop());
      await step('database', () => database.close());
      await step('postgres', () => pg.stop());
      await step('redis', () => redis.stop());
    },
  };
}
