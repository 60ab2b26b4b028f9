import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { migrationsFolder } from '../../core/db/client.js';

export const adminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The template is named after a hash of the migrations, so a schema change builds a new one. */
export function templateName(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(migrationsFolder)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    h.update(f).update(readFileSync(join(migrationsFolder, f)));
  return `lapp_tmpl_${h.digest('hex').slice(0, 12)}`;
}

export function dbUrl(name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export function adminClient() {
  return postgres(adminUrl, { max: 1, onnotice: () => {} });
}
