import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';

describe('health and readiness on real Postgres and Redis', () => {
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

  it('healthz answers while the process lives', async () => {
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
  });

  it('readyz names each part', async () => {
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      parts: { postgres: 'ok', migrations: 'ok', redis: 'ok' },
      driver: 'postgres',
    });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('unknown routes get the documented error shape', async () => {
    const res = await app.inject('/no/such/route');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'No route for GET /no/such/route' } });
  });
});

describe('readiness when a part is down', () => {
  it('answers 503 naming redis when Redis does not answer', async () => {
    const t = await createTestContext({ REDIS_URL: 'redis://127.0.0.1:1' });
    const app = await buildApp(t.ctx, { logger: false });
    try {
      const res = await app.inject('/readyz');
      expect(res.statusCode).toBe(503);
      expect(res.json().parts).toEqual({ postgres: 'ok', migrations: 'ok', redis: 'fail' });
    } finally {
      await app.close();
      await t.close();
    }
  });

  it('answers 503 naming migrations when the schema is behind', async () => {
    const t = await createTestContext();
    await t.ctx.database.query((await import('drizzle-orm')).sql`delete from drizzle.__drizzle_migrations`);
    const app = await buildApp(t.ctx, { logger: false });
    try {
      const res = await app.inject('/readyz');
      expect(res.statusCode).toBe(503);
      expect(res.json().parts.migrations).toBe('fail');
    } finally {
      await app.close();
      await t.close();
    }
  });
});
