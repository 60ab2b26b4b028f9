import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { sql } from 'drizzle-orm';
import { appInstance } from '../drizzle/schema/index.js';
import type { AppConfig } from './config.js';
import { createDatabase, type Database } from './db/client.js';
import { createInboxWriter } from './db/inbox-writer.js';
import { createIngestProducer } from './queue/ingest-producer.js';
import { createTokenCipher } from './crypto/token-cipher.js';
import { createShopifyApi } from './integrations/shopify/api.js';
import { createShopifyGraphql } from './integrations/shopify/graphql.js';
import { createShopTokens } from './integrations/shopify/tokens.js';
import { createFeedAuthVersion } from './feed-auth-version.js';
import { createEmailTransport } from './integrations/email/transport.js';
import { createCircuitBreaker } from './integrations/warehouses/circuit-breaker.js';
import { createRedisCallGate } from './integrations/channels/call-gate.js';
import { createChannelRegistry } from './integrations/channels/index.js';
import { createLogger, type Logger } from './logger.js';
import { createQueues, type Queues } from './queue/producer.js';
import { createProducerRedis, createWorkerRedis, warnIfEvicting } from './redis.js';
import type { CustomerEmailDeps } from './use-cases/customers/customer-email-deps.js';

export interface AppContextOptions {
  /** process name in logs */
  name?: string;
  logger?: Logger;
  /** sees every statement sent on the wire (postgres.js only): for tests that count them */
  onStatement?: (text: string) => void;
}

/**
 * The composition root. Server and workers both build their dependencies here, and close()
 * releases every connection it opened.
 */
export async function createAppContext(config: AppConfig, opts: AppContextOptions = {}) {
  const log = opts.logger ?? createLogger(config.log.level, opts.name ?? 'app');
  const database: Database = await createDatabase({
    url: config.db.url,
    pgliteDir: config.db.pgliteDir,
    poolSize: config.db.poolSize,
    onStatement: opts.onStatement,
  });
  if (config.db.migrateOnStart) {
    await database.migrate();
    log.info({ driver: database.driver }, 'migrations applied');
  }
  const prefix = await queuePrefixFor(database, config.redis.prefix);
  const redis = createProducerRedis(config.redis.url);
  redis.on('error', (err) => log.debug({ err: err.message }, 'redis producer connection error'));
  const queues: Queues = createQueues({ connection: redis, prefix, log });
  const extraRedis: Redis[] = [];
  const inboxWriter = createInboxWriter(database.db);
  const ingestProducer = createIngestProducer(queues, log);
  void warnIfEvicting(redis, log);
  const cipher = createTokenCipher(config.security.tokenEncryptionKeys);
  const shopifyApi = createShopifyApi(config);
  const shopTokens = createShopTokens({ db: database.db, cipher, api: shopifyApi, log });
  const shopify = createShopifyGraphql({ api: shopifyApi, tokens: shopTokens, log });
  const breaker = createCircuitBreaker(redis, prefix);
  const channels = createChannelRegistry({ cipher, gate: createRedisCallGate(redis, prefix) });
  const mailer = createEmailTransport(config.email.smtpUrl);
  const feedAuth = createFeedAuthVersion(redis, prefix, log);

  return {
    config: { ...config, redis: { ...config.redis, prefix } },
    log,
    database,
    db: database.db,
    redis,
    queues,
    inboxWriter,
    ingestProducer,
    cipher,
    shopifyApi,
    shopTokens,
    shopify,
    breaker,
    channels,
    /** SMTP for customer and merchant e-mails (`configured` false without SMTP_URL) */
    mailer,
    /** the version every process checks its cached 3PL key checks against; bumped when keys lose access */
    feedAuth,
    /** A dedicated blocking connection, for BullMQ workers; closed with the context. */
    workerRedis(): Redis {
      const r = createWorkerRedis(config.redis.url);
      r.on('error', (err) => log.debug({ err: err.message }, 'redis worker connection error'));
      extraRedis.push(r);
      return r;
    },
    async close() {
      await inboxWriter.drain();
      await ingestProducer.drain();
      await queues
        .close()
        .catch((err: Error) => log.warn({ err: err.message }, 'queue connections did not close cleanly'));
      await Promise.all([redis, ...extraRedis].map((r) => r.quit().catch(() => r.disconnect())));
      await database.close();
      mailer.close();
    },
  };
}

export type AppContext = Awaited<ReturnType<typeof createAppContext>>;

/**
 * The default prefix gets this database's identity appended, so job ids built from row ids stay
 * unique when a database is recreated against the same Redis (the demo's `.data` reset, a restore).
 */
async function queuePrefixFor(database: Database, configured: string): Promise<string> {
  if (configured !== '{lapp}') return configured;
  try {
    await database.query(
      sql`insert into app_instance (id) select ${randomUUID().slice(0, 8)} where not exists (select 1 from app_instance)`,
    );
    // two processes starting together may both insert; both then pick the oldest row
    const [row] = await database.db.select().from(appInstance).orderBy(appInstance.createdAt, appInstance.id).limit(1);
    return row ? `{lapp-${row.id}}` : configured;
  } catch {
    // not migrated yet (readyz says so); the default keeps the process up
    return configured;
  }
}

/** What a use case needs to decide customer e-mails alongside its own change, from the app's context. */
export const customerEmailDeps = (ctx: AppContext): CustomerEmailDeps => ({
  appUrl: ctx.config.http.appUrl,
  appCanSend: ctx.mailer.configured,
  queues: ctx.queues,
  log: ctx.log,
});
