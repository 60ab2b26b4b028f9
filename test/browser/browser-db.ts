import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../core/config.js';
import { createAppContext } from '../../core/context.js';
import { createDatabase } from '../../core/db/client.js';
import { adminClient, dbUrl, templateName } from '../helpers/pg-admin.js';
import type { TestContext } from '../helpers/test-context.js';

/**
 * Like test/helpers/test-context.ts, but the clone is named `lapp_browser_*`: the unit suite's
 * global setup drops every `lapp_t_*` database it finds at start, which would pull the database
 * from under a browser run that overlaps another suite's start on a shared machine.
 */
export async function createBrowserContext(env: Record<string, string>): Promise<TestContext> {
  const name = `lapp_browser_${randomBytes(6).toString('hex')}`;
  const admin = adminClient();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database "${name}" template "${templateName()}"`);
        break;
      } catch (e) {
        // another clone of the same template in the same instant
        if (attempt >= 20 || !String((e as Error).message).includes('being accessed')) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await admin.end();
  }
  const url = dbUrl(name);
  const database = await createDatabase({ url, pgliteDir: '', poolSize: 2 });
  const prefix = `{b${randomBytes(5).toString('hex')}}`;
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url, QUEUE_PREFIX: prefix, DB_POOL_SIZE: '10', ...env });
  const ctx = await createAppContext(config, { name: 'browser' });
  const drop = async () => {
    await database.close();
    const a = adminClient();
    try {
      await a.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await a.end();
    }
  };
  return {
    ctx, config, testDb: { url, name, database, drop },
    async close() {
      const keys = await ctx.redis.keys(`${prefix}*`).catch(() => [] as string[]);
      if (keys.length) await ctx.redis.del(...keys).catch(() => {});
      await ctx.close();
      await drop();
    },
  };
}

/** Builds the migrated template when this suite runs alone; never touches other databases. */
export async function ensureTemplate(): Promise<void> {
  const name = templateName();
  const admin = adminClient();
  try {
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists.length > 0) return;
    await admin.unsafe(`create database "${name}"`);
    const database = await createDatabase({ url: dbUrl(name), pgliteDir: '', poolSize: 1 });
    try {
      await database.migrate();
    } catch (e) {
      await database.close();
      await admin.unsafe(`drop database if exists "${name}"`);
      throw e;
    }
    await database.close();
    await admin.unsafe(`alter database "${name}" is_template true`);
  } finally {
    await admin.end();
  }
}
