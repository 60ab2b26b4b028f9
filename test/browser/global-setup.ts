import { access, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { TIMINGS_FILE } from './browser.js';

/** The suite needs a build of the admin app (the template database comes from test/helpers/global-setup.ts); each run starts a fresh timing report. */
export default async function setup(): Promise<void> {
  const index = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
  await access(index).catch(() => {
    throw new Error('web/dist is missing: run `npm run test:browser`, which builds the app first (or `npm run build:web`)');
  });
  await rm(TIMINGS_FILE, { force: true });
}
