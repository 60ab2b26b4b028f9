import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'server/**/*.test.ts',
      'workers/**/*.test.ts',
      'sim/**/*.test.ts',
      'test/**/*.test.ts',
      'bench/**/*.test.ts',
      'demo/**/*.test.ts',
      'extensions/**/*.test.{ts,tsx}',
    ],
    exclude: ['test/browser/**', 'node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    // vitest's default is one worker less than the cores: one worker on the 2-core CI machines, where
    // most of a test file's time is spent waiting on Postgres, Redis and timers, not on the CPU
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { LOG_LEVEL: 'silent' },
  },
});
