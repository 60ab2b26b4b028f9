import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDatabase } from '../../core/db/client.js';

const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A throwaway, migrated database on the machine's Postgres for one bench run. BENCH_KEEP_DB=1
 * leaves it after the run (its name is logged), to read the plans of the run's statements.
 */
export async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lapp_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const database = await createDatabase({ url, pgliteDir: '', poolSize: 1 });
  await database.migrate();
  await database.close();
  return {
    url,
    async drop() {
      if (process.env.BENCH_KEEP_DB) return void console.error(`[bench] database kept: ${name}`);
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}
