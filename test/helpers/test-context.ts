import { randomBytes } from 'node:crypto';
import { loadConfig, type AppConfig } from '../../core/config.js';
import { createAppContext, type AppContext, type AppContextOptions } from '../../core/context.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export interface TestContext {
  ctx: AppContext;
  config: AppConfig;
  testDb: TestDatabase;
  close(): Promise<void>;
}

/**
 * A full AppContext on a cloned database and a unique BullMQ prefix on the real Redis.
 * `env` overrides configuration the way the environment would.
 */
export async function createTestContext(
  env: Record<string, string> = {},
  opts: Pick<AppContextOptions, 'onStatement'> = {},
): Promise<TestContext> {
  const testDb = await createTestDatabase();
  const prefix = `{t${randomBytes(5).toString('hex')}}`;
  // tests never reach real Shopify: an origin nothing listens on stands for "simulated", unless a simulator is given
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: testDb.url,
    QUEUE_PREFIX: prefix,
    DB_POOL_SIZE: '5',
    SHOPIFY_API_ORIGIN: 'http://127.0.0.1:9',
    ...env,
  });
  const ctx = await createAppContext(config, { name: 'test', ...opts });
  return {
    ctx,
    config,
    testDb,
    async close() {
      const keys = await ctx.redis.keys(`${prefix}*`).catch((err: Error) => {
        console.warn(`test context ${prefix}: could not list its Redis keys: ${err.message}`);
        return [] as string[];
      });
      if (keys.length)
        await ctx.redis
          .del(...keys)
          .catch((err: Error) =>
            console.warn(`test context ${prefix}: could not delete its Redis keys: ${err.message}`),
          );
      await ctx.close();
      await testDb.drop();
    },
  };
}
