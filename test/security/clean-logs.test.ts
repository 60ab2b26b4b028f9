import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { createLogger } from '../../core/logger.js';
import { ingestEvent } from '../../core/use-cases/ingest-event.js';
import { buildApp } from '../../server/app.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { signedWebhook } from '../helpers/webhooks.js';
import { sessionToken } from './harness.js';

const SECRET_EMAIL = 'leaky.customer@example.fr';

describe('logs and stored errors carry no SQL, parameters or tokens', () => {
  let t: TestContext;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestContext();
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    t.ctx.log = createLogger('info', 'test', sink);
  });
  afterAll(async () => t.close());

  it('stores and logs a database failure as a code and a short message', async () => {
    await createShopsRepo(t.ctx.db).activate('test-shop.myshopify.com');
    const app = await buildApp(t.ctx);
    app.get('/boom', async () => t.ctx.database.query(sql`select ${SECRET_EMAIL}::int`));
    const res = await app.inject(
      signedWebhook({ id: 1, email: SECRET_EMAIL }, { topic: 'test/boom', eventId: 'boom-1' }),
    );
    expect(res.statusCode).toBe(200);
    const [row] = await t.ctx.database.query<{ id: number }>(
      sql`select id from inbox_events where event_id = 'boom-1'`,
    );
    const handlers = {
      'test/boom': async (tx: Parameters<NonNullable<Parameters<typeof ingestEvent>[0]['handlers']>[string]>[0]) => {
        await tx.execute(sql`select ${SECRET_EMAIL}::int`);
        return { outcome: 'never' };
      },
    };
    const out = await ingestEvent(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log, feedAuth: t.ctx.feedAuth, handlers },
      { inboxId: Number(row!.id), finalAttempt: true },
    );
    expect(out.status).toBe('dead');
    const [stored] = await t.ctx.database.query<{ last_error: string }>(
      sql`select last_error from inbox_events where event_id = 'boom-1'`,
    );
    expect(stored!.last_error).toMatch(/^database error 22P02/);
    expect(stored!.last_error).not.toContain(SECRET_EMAIL);
    expect(stored!.last_error.toLowerCase()).not.toContain('select');

    // a failing request: the error handler logs it
    expect((await app.inject(`/boom?id_token=${await sessionToken('x.myshopify.com')}`)).statusCode).toBe(500);
    await app.close();
    await new Promise((r) => setTimeout(r, 100));
    const log = lines.join('');
    expect(log).toContain('request failed');
    expect(log).not.toContain(SECRET_EMAIL);
    expect(log.toLowerCase()).not.toContain('select ');
    expect(log).not.toMatch(/id_token=ey/);
    expect(log).toContain('id_token=[redacted]');
  });
});
