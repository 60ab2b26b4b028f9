import { access, readdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SCREENSHOTS, TIMINGS_FILE } from './browser.js';

/** The suite needs a build of the admin app (the template database comes from test/helpers/global-setup.ts); each run starts with an empty screenshot folder and timing report. */
export default async function setup(): Promise<void> {
  const index = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
  await access(index).catch(() => {
    throw new Error(
      'web/dist is missing: run `npm run test:browser`, which builds the app first (or `npm run build:web`)',
    );
  });
  // the folder shows the last run only: no screenshot of a failure that has since been fixed
  const old = await readdir(SCREENSHOTS).catch(() => [] as string[]);
  await Promise.all(old.filter((f) => f.endsWith('.png')).map((f) => rm(`${SCREENSHOTS}${f}`, { force: true })));
  await rm(TIMINGS_FILE, { force: true });
}
