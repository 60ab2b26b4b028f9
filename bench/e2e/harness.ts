import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createDatabase, type Database } from '../../core/db/client.js';
import { createShopifySim, type ShopifySim } from '../../sim/shopify/index.js';
import type { ThreePlRobot } from '../../sim/3pl/index.js';
import type { AppProcess } from '../lib/app-processes.js';
import { createBenchDatabase } from '../lib/bench-db.js';
import { freePort } from '../lib/free-port.js';
import { HOT, REGULAR, installFlashShop } from './flash-shop.js';
import { countFileOf, layoutProcesses, type Layout } from './layout.js';
import { connectMarketplaces, type Marketplaces } from './marketplaces.js';

export { SHOP, HOT, REGULAR } from './flash-shop.js';

/** application_name of the bench's own Postgres connections, so the CPU meter leaves them out */
export const BENCH_APP_NAME = 'lapp-bench-measure';
const REDIS_URL = 'redis://127.0.0.1:6379';

export interface Harness {
  sim: ShopifySim;
  marketplaces: Marketplaces;
  /** the bench's own connection to the app's database, for the ledger */
  database: Database;
  dbName: string;
  queuePrefix: string;
  redisUrl: string;
  appUrl: string;
  robots: ThreePlRobot[];
  /** the app's processes, each with the file its SQL statement count is written to */
  app: { proc: AppProcess; countFile: string }[];
  logDir: string;
  close(): Promise<void>;
}

/**
 * The whole system on this machine, as it runs in production: the app in its own process (or
 * processes, see layout.ts) on a fresh Postgres database and the machine's Redis; in this process
 * the Shopify simulator on the Plus plan, a Mirakl operator and an Amazon seller, the load
 * generator, and one 3PL robot per warehouse answering with ~200 ms latency through the public
 * feed. The shop is installed and configured the way a merchant would: session token, admin
 * API, 3PL stock counts, marketplace accounts.
 */
export async function startHarness(opts: { hotStockPerLocation: number; layout: Layout }): Promise<Harness> {
  const bench = await createBenchDatabase();
  const dbName = new URL(bench.url).pathname.slice(1);
  const measureUrl = new URL(bench.url);
  measureUrl.searchParams.set('application_name', BENCH_APP_NAME);
  const database = await createDatabase({ url: measureUrl.toString(), pgliteDir: '', poolSize: 4 });
  const sim = createShopifySim({
    apiKey: 'bench-key',
    apiSecret: 'bench-secret',
    webhooks: { retryBaseMs: 1000, maxConcurrent: 128 },
  });
  const simUrl = await sim.start(0);
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const queuePrefix = `{e2e${randomBytes(3).toString('hex')}}`;
  const logDir = mkdtempSync(join(tmpdir(), 'lapp-e2e-'));
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    DATABASE_URL: bench.url,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    SHOPIFY_API_KEY: 'bench-key',
    SHOPIFY_API_SECRET: 'bench-secret',
    SHOPIFY_API_ORIGIN: simUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: appUrl,
    LOG_LEVEL: 'warn',
    FEED_RATE_LIMIT_PER_MINUTE: '100000',
    ADMIN_RATE_LIMIT_PER_MINUTE: '100000',
  };
  const procs = layoutProcesses(opts.layout, { env, appUrl, logDir });
  const app = procs.map((proc) => ({ proc, countFile: countFileOf(logDir, proc.name) }));
  const started: AppProcess[] = [];
  const stopAll = () => Promise.all(started.map((p) => p.stop()));
  try {
    // the server first: workers' schedulers and the simulator's webhooks expect it
    for (const p of procs) {
      await p.start();
      started.push(p);
    }
  } catch (e) {
    await stopAll();
    throw e;
  }
  sim.setAppUrl(appUrl);

  const shop = await installFlashShop(sim, appUrl, database, opts);
  const marketplaces = await connectMarketplaces({
    shop,
    database,
    skus: [...HOT, ...REGULAR],
    queuePrefix,
    redisUrl: REDIS_URL,
  });
  for (const r of shop.robots) await r.start();
  return {
    sim,
    marketplaces,
    database,
    dbName,
    queuePrefix,
    redisUrl: REDIS_URL,
    appUrl,
    robots: shop.robots,
    app,
    logDir,
    async close() {
      for (const r of shop.robots) await r.stop();
      await stopAll();
      await marketplaces.stop();
      await sim.stop();
      await database.close();
      await bench.drop();
      await dropQueues(REDIS_URL, queuePrefix);
    },
  };
}

/** The run's queues leave the shared Redis with it. */
async function dropQueues(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
