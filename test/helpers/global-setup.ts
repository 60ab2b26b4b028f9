import { createDatabase } from '../../core/db/client.js';
import { adminClient, dbUrl, templateName } from './pg-admin.js';

/**
 * Builds the migrated template database once per run; every test file clones it
 * (CREATE DATABASE … TEMPLATE), which takes milliseconds instead of a migration run.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const name = templateName();
  const admin = adminClient();
  try {
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists.length === 0) {
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
    }
    // clones left behind by crashed runs, old enough that no live run can still be using them
    const cutoff = Math.floor(Date.now() / 1000) - 3 * 3600;
    const clones = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname ~ '^lapp_t_[0-9]+_'`;
    for (const { datname } of clones) {
      if (Number(datname.split('_')[2]) < cutoff)
        await admin
          .unsafe(`drop database if exists "${datname}" with (force)`)
          .catch((err: Error) => console.warn(`could not drop the old test database ${datname}: ${err.message}`));
    }
  } finally {
    await admin.end();
  }
  return async () => {};
}
