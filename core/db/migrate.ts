import { loadConfigOrExit } from '../config.js';
import { createDatabase } from './client.js';

/** `npm run db:migrate`: applies drizzle/migrations to DATABASE_URL, or to the embedded database. */
const config = loadConfigOrExit();
const database = await createDatabase({ url: config.db.url, pgliteDir: config.db.pgliteDir, poolSize: 1 });
await database.migrate();
process.stdout.write(`migrations applied (${database.driver})\n`);
await database.close();
