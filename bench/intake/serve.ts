/**
 * One intake server per child process, so the load generator never shares a core's event
 * loop with the server it measures. Usage: serve.ts <ceiling|intake|peer> <port> <dbUrl> <prefix>
 */
import Fastify from 'fastify';
import { verifyBodyHmac } from '../../core/integrations/shopify/hmac.js';
import { BENCH_SECRET } from './payload.js';

const [kind, portArg, dbUrl, prefix] = process.argv.slice(2) as [string, string, string, string];
const port = Number(portArg);

async function ceiling() {
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_r, body, done) => done(null, body));
  app.post('/webhooks', async (req, reply) => {
    const ok = verifyBodyHmac(req.body as Buffer, req.headers['x-shopify-hmac-sha256'] as string, [BENCH_SECRET]);
    return reply.code(ok ? 200 : 401).send();
  });
  await app.listen({ port, host: '127.0.0.1' });
}

async function intake() {
  const { loadConfig } = await import('../../core/config.js');
  const { createAppContext } = await import('../../core/context.js');
  const { buildApp } = await import('../../server/app.js');
  const config = loadConfig({
    DATABASE_URL: dbUrl,
    QUEUE_PREFIX: prefix,
    SHOPIFY_API_SECRET: BENCH_SECRET,
    SHOPIFY_API_ORIGIN: 'http://127.0.0.1:9',
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: '8',
  });
  const ctx = await createAppContext(config, { name: 'bench' });
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port, host: '127.0.0.1' });
}

async function peer() {
  const { default: express } = await import('express');
  const { shopifyApp } = await import('@shopify/shopify-app-express');
  const { DeliveryMethod, LogSeverity } = await import('@shopify/shopify-api');
  const { default: postgres } = await import('postgres');
  const { Queue } = await import('bullmq');
  const { Redis } = await import('ioredis');
  const sql = postgres(dbUrl, { max: 8, onnotice: () => {} });
  await sql`create table if not exists peer_inbox (id bigserial primary key, event_id text unique not null, shop text not null, topic text not null, body text not null, received_at timestamptz not null default now())`;
  const queue = new Queue('ingest', { connection: new Redis({ maxRetriesPerRequest: 1 }), prefix });
  const shopify = shopifyApp({
    api: {
      apiKey: 'bench',
      apiSecretKey: BENCH_SECRET,
      hostName: '127.0.0.1',
      apiVersion: '2026-07' as never,
      isEmbeddedApp: false,
      logger: { level: LogSeverity.Error },
    },
    auth: { path: '/auth', callbackPath: '/auth/callback' },
    webhooks: { path: '/webhooks' },
  });
  const app = express();
  app.post(
    '/webhooks',
    shopify.processWebhooks({
      webhookHandlers: {
        ORDERS_CREATE: {
          deliveryMethod: DeliveryMethod.Http,
          callbackUrl: '/webhooks',
          callback: async (
            topic: string,
            shop: string,
            body: string,
            webhookId: string,
            _apiVersion?: string,
            _subTopic?: string,
            _context?: unknown,
            eventId?: string,
          ) => {
            const [row] = await sql<
              { id: string }[]
            >`insert into peer_inbox (event_id, shop, topic, body) values (${eventId ?? webhookId}, ${shop}, ${topic}, ${body}) on conflict do nothing returning id`;
            if (row) await queue.add('ingest', { inboxId: Number(row.id) }, { jobId: `inbox-${row.id}` });
          },
        },
      },
    }),
  );
  await new Promise<void>((resolve) => app.listen(port, '127.0.0.1', () => resolve()));
}

const run = { ceiling, intake, peer }[kind];
if (!run) throw new Error(`unknown server kind ${kind}`);
await run();
process.stdout.write('listening\n');
// exit normally on a signal so --cpu-prof and friends can write their output
for (const s of ['SIGTERM', 'SIGINT'] as const) process.on(s, () => process.exit(0));
