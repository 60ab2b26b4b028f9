import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { sweepInbox } from '../../core/use-cases/sweep-inbox.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { signedWebhook } from '../helpers/webhooks.js';

const countInbox = async (t: TestContext) =>
  Number((await t.ctx.database.query<{ n: number }>(sql`select count(*)::int as n from inbox_events`))[0]!.n);

describe('webhook intake', () => {
  let t: TestContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestContext();
    app = await buildApp(t.ctx, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('stores a signed webhook before the 200 and queues one ingest job', async () => {
    const res = await app.inject(
      signedWebhook({ id: 1, admin_graphql_api_id: 'gid://shopify/Order/1' }, { eventId: 'evt-a' }),
    );
    expect(res.statusCode).toBe(200);
    const rows = await t.ctx.database.query<{ id: number; topic: string; status: string }>(
      sql`select id, topic, status from inbox_events where event_id = 'evt-a'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ topic: 'orders/create', status: 'pending' });
    await t.ctx.ingestProducer.drain();
    const job = await t.ctx.queues.queue('ingest').getJob(`inbox-${rows[0]!.id}`);
    expect(job?.data).toEqual({ inboxId: Number(rows[0]!.id) });
  });

  it('keeps one row for a repeated event id', async () => {
    const before = await countInbox(t);
    const a = await app.inject(signedWebhook({ id: 2 }, { eventId: 'evt-dup' }));
    const b = await app.inject(signedWebhook({ id: 2 }, { eventId: 'evt-dup' }));
    const [c, d] = await Promise.all([
      app.inject(signedWebhook({ id: 2 }, { eventId: 'evt-dup' })),
      app.inject(signedWebhook({ id: 2 }, { eventId: 'evt-dup' })),
    ]);
    expect([a, b, c, d].map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect((await countInbox(t)) - before).toBe(1);
  });

  it('rejects a wrong, missing or re-serialised signature with 401 and stores nothing', async () => {
    const before = await countInbox(t);
    const body = '{"id": 3,  "note": "spaces matter"}';
    const good = signedWebhook(body);
    const wrong = await app.inject(signedWebhook(body, { secret: 'not-the-secret' }));
    const missing = await app.inject(signedWebhook(body, { hmac: null }));
    const reserialised = await app.inject({ ...good, payload: JSON.stringify(JSON.parse(body)) });
    const compliance = await app.inject(
      signedWebhook(body, { secret: 'nope', url: '/webhooks/compliance', topic: 'customers/redact' }),
    );
    for (const r of [wrong, missing, reserialised, compliance]) {
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('invalid_signature');
    }
    expect(await countInbox(t)).toBe(before);
  });

  it('answers 413 to a 5 MB body', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) });
    const res = await app.inject(signedWebhook(big));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { code: 'payload_too_large', message: 'The request body is too large' } });
  });

  it('answers 400 when required Shopify headers are missing on a valid signature', async () => {
    const req = signedWebhook({ id: 4 });
    delete (req.headers as Record<string, string>)['x-shopify-topic'];
    const res = await app.inject(req);
    expect(res.statusCode).toBe(400);
  });

  it('stores truncated JSON with a valid signature (the worker dead-letters it)', async () => {
    const res = await app.inject(signedWebhook('{"id": 5, "line_items": [', { eventId: 'evt-trunc' }));
    expect(res.statusCode).toBe(200);
    const rows = await t.ctx.database.query(sql`select 1 from inbox_events where event_id = 'evt-trunc'`);
    expect(rows).toHaveLength(1);
  });
});

describe('webhook intake when a part is down', () => {
  it('still acknowledges durably when Redis is down, and the sweeper enqueues later', async () => {
    const t = await createTestContext({ REDIS_URL: 'redis://127.0.0.1:1' });
    const app = await buildApp(t.ctx, { logger: false });
    try {
      const res = await app.inject(signedWebhook({ id: 6 }, { eventId: 'evt-noredis' }));
      expect(res.statusCode).toBe(200);
      expect(await countInbox(t)).toBe(1);
    } finally {
      await app.close();
      await t.close();
    }
  });

  it('answers 503 and acknowledges nothing when Postgres is gone', async () => {
    const t = await createTestContext();
    const app = await buildApp(t.ctx, { logger: false });
    try {
      const { adminClient } = await import('../helpers/pg-admin.js');
      const admin = adminClient();
      await admin.unsafe(`drop database "${t.testDb.name}" with (force)`);
      await admin.end();
      const res = await app.inject(signedWebhook({ id: 7 }));
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('unavailable');
    } finally {
      await app.close();
      // Postgres was taken away on purpose: closing its pool may fail, and says so
      await t.ctx.close().catch((err: Error) => console.warn(`context close after the outage: ${err.message}`));
    }
  });

  it('the sweeper re-enqueues rows written while Redis was unreachable', async () => {
    const t = await createTestContext();
    const app = await buildApp(t.ctx, { logger: false });
    try {
      await app.inject(signedWebhook({ id: 8 }, { eventId: 'evt-sweep' }));
      await t.ctx.ingestProducer.drain();
      // simulate the loss by removing the job, not the whole Redis (other suites share it)
      const [row] = await t.ctx.database.query<{ id: number }>(
        sql`select id from inbox_events where event_id = 'evt-sweep'`,
      );
      await t.ctx.queues.queue('ingest').remove(`inbox-${row!.id}`);
      const out = await sweepInbox(
        { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log },
        { olderThanMs: 0, now: new Date(Date.now() + 1000) },
      );
      expect(out.enqueued).toBe(1);
      expect(await t.ctx.queues.queue('ingest').getJob(`inbox-${row!.id}`)).toBeTruthy();
    } finally {
      await app.close();
      await t.close();
    }
  });
});
