import { sql } from 'drizzle-orm';
import { createDatabase } from '../../core/db/client.js';
import { createLogger } from '../../core/logger.js';
import { recomputeReplenishment } from '../../core/use-cases/recompute-replenishment.js';
import { note, numberArg, parseArgs } from '../lib/args.js';
import { createBenchDatabase } from '../lib/bench-db.js';

/**
 * The nightly replenishment for a large shop: `--skus` SKUs (100,000) × `--warehouses` (5) with
 * `--days` (365) of sparse daily demand, computed in set-based SQL. Prints the seconds it took.
 */
export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const skus = numberArg(args, 'skus', 100_000);
  const warehouses = numberArg(args, 'warehouses', 5);
  const days = numberArg(args, 'days', 365);
  const density = numberArg(args, 'density', 0.1);
  const bench = await createBenchDatabase();
  const database = await createDatabase({ url: bench.url, pgliteDir: '', poolSize: 2 });
  try {
    note(`generating ${skus} SKUs × ${warehouses} warehouses, ${days} days of demand at density ${density}`);
    const t0 = Date.now();
    await database.query(sql`insert into shops (domain, timezone) values ('bench.myshopify.com', 'Europe/Paris')`);
    await database.query(
      sql`insert into warehouses (shop_id, name, code) select 1, 'W' || g, 'W' || g from generate_series(1, ${warehouses}) g`,
    );
    await database.query(sql`insert into skus (shop_id, sku, title, price, unit_cost, supplier, pack_size, moq)
      select 1, 'SKU-' || g, 'Article ' || g, (5 + (g % 200))::numeric, (2 + (g % 90))::numeric, 'Fournisseur ' || (g % 40), 1 + (g % 3) * 5, (g % 4) * 10
      from generate_series(1, ${skus}) g`);
    await database.query(sql`insert into stock_levels (shop_id, warehouse_id, sku_id, on_hand, reserved)
      select 1, w.id, s.id, (s.id * 7 + w.id * 13) % 120, 0 from skus s cross join warehouses w`);
    // sparse demand: one sale day in every `stride`, at a SKU-specific offset (no zero rows stored)
    const stride = Math.max(1, Math.round(1 / density));
    await database.query(sql`insert into demand_daily (shop_id, sku_id, day, units, revenue)
      select 1, s.id, current_date - (k * ${stride} + s.id % ${stride})::int, 1 + (s.id + k) % 6, (1 + (s.id + k) % 6) * s.price
      from skus s cross join generate_series(0, ${Math.ceil(days / stride) - 1}) k
      where k * ${stride} + s.id % ${stride} < ${days}`);
    await database.query(sql`analyze`);
    const [{ n }] = (await database.query<{ n: number }>(sql`select count(*)::int as n from demand_daily`)) as [
      { n: number },
    ];
    note(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${n} demand rows`);
    await database.query(
      sql`insert into stock_settings (shop_id, settings) values (1, ${JSON.stringify({ demandWindowDays: days, deadStockDays: 90 })}::jsonb)`,
    );

    const started = Date.now();
    const out = await recomputeReplenishment(
      { database, log: createLogger('warn', 'bench', 2) },
      { shopId: 1, full: true, keepDemand: true },
    );
    const seconds = (Date.now() - started) / 1000;
    note(
      `replenishment: ${seconds.toFixed(1)} s (snapshot + ABC ${(out.computedMs / 1000).toFixed(1)} s; alerts opened ${out.opened})`,
    );
    process.stdout.write(
      `${JSON.stringify({ skus, warehouses, days, seconds: Math.round(seconds * 100) / 100, demand_rows: n, snapshot_seconds: Math.round(out.computedMs / 10) / 100, alerts_opened: out.opened, target_seconds: 30 })}\n`,
    );
  } finally {
    await database.close();
    await bench.drop();
  }
}
