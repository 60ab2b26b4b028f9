import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '../../core/db/client.js';
import { createShopifySim, type ShopifySim } from '../../sim/shopify/index.js';
import type { ThreePlRobot } from '../../sim/3pl/index.js';
import { createBenchDatabase } from '../lib/bench-db.js';
import { freePort } from '../lib/free-port.js';
import { installFlashShop } from './flash-shop.js';

export { SHOP, HOT, REGULAR } from './flash-shop.js';

export interface Harness {
  sim: ShopifySim;
  /** the bench's own connection to the app's database, for the ledger */
  database: Database;
  appUrl: string;
  robots: ThreePlRobot[];
  close(): Promise<void>;
}

/**
 * The whole system on this machine, as it runs in production: the app (server and every
 * worker) in its own process on a fresh Postgres database and the machine's Redis; in this
 * process the Shopify simulator on the Plus plan, the load generator, and one 3PL robot per
 * warehouse answering with ~200 ms latency through the public feed. The shop is installed and
 * configured the way a merchant would: session token, admin API, 3PL stock counts.
 */
export async function startHarness(opts: { hotStockPerLocation: number }): Promise<Harness> {
  const bench = await createBenchDatabase();
  const database = await createDatabase({ url: bench.url, pgliteDir: '', poolSize: 4 });
  const sim = createShopifySim({
    apiKey: 'bench-key',
    apiSecret: 'bench-secret',
    webhooks: { retryBaseMs: 1000, maxConcurrent: 128 },
  });
  const simUrl = await sim.start(0);
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/e2e/app-process.ts',
      bench.url,
      simUrl,
      `{e2e${randomBytes(3).toString('hex')}}`,
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`app process exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
  });
  sim.setAppUrl(appUrl);

  const { robots } = await installFlashShop(sim, appUrl, database, opts);
  for (const r of robots) await r.start();
  return {
    sim,
    database,
    appUrl,
    robots,
    async close() {
      for (const r of robots) await r.stop();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await sim.stop();
      await database.close();
      await bench.drop();
    },
  };
}
