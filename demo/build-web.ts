import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Builds the admin app once when the demo starts from a fresh clone (web/dist is not in git).
 * Vite's own output goes to stderr, keeping stdout for the `ready:` line.
 */
export async function ensureWebBuilt(): Promise<void> {
  const index = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));
  if (existsSync(index)) return;
  process.stderr.write('demo: building the admin app (first run only)\n');
  const { build } = await import('vite');
  const log = console.log;
  // vite sets NODE_ENV=production for the build; the demo itself is not production
  const nodeEnv = process.env.NODE_ENV;
  console.log = (...args: unknown[]) => console.error(...args);
  try {
    await build({ configFile: fileURLToPath(new URL('../web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
  } finally {
    console.log = log;
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
