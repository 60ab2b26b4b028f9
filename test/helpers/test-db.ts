import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '../../core/db/client.js';
import { adminClient, dbUrl, templateName } from './pg-admin.js';

export interface TestDatabase {
  url: string;
  name: string;
  database: Database;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template, on the machine's real Postgres. */
export async function createTestDatabase(): Promise<TestDatabase> {
  // the creation time in the name lets a later run clean up clones that a crashed run left behind
  const name = `lapp_t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  const admin = adminClient();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database "${name}" template "${templateName()}"`);
        break;
      } catch (e) {
        // another clone of the same template in the same instant
        if (attempt >= 20 || !String((e as Error).message).includes('being accessed')) throw e;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  } finally {
    await admin.end();
  }
  const url = dbUrl(name);
  const database = await createDatabase({ url, pgliteDir: '', poolSize: 5 });
  return {
    url,
    name,
    database,
    async drop() {
      await database.close();
      const a = adminClient();
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}
