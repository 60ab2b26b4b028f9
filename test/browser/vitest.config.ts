import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The browser suite: the built admin app in Chromium against the real server, workers and simulators. */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts', 'test/browser/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    env: { LOG_LEVEL: 'silent' },
  },
});
