import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { ingestEvent } from '../../core/use-cases/ingest-event.js';
import { pruneInbox } from '../../core/use-cases/prune-inbox.js';
import { buildApp } from '../../server/app.js';
import { buildRestOrder } from '../helpers/builders.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { signedWebhook } from '../helpers/webhooks.js';

describe('webhooks for a shop that never installed the app', () => {
  let t: TestContext;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestContext();
    t.ctx.log = createLogger(
      'info',
      'test',
      new Writable({
        write(c, _e, cb) {
          lines.push(String(c));
          cb();
        },
      }),
    );
  });
  afterAll(async () => t.close());

  it('are kept briefly as counted dead letters, logged, and create no shop', async () => {
    const app = await buildApp(t.ctx, { logger: false });
    expect(
      (
        await app.inject(
          signedWebhook(buildRestOrder({ id: 4242 }), { shop: 'stranger.myshopify.com', eventId: 'stranger-1' }),
        )
      ).statusCode,
    ).toBe(200);
    await app.close();
    const [row] = await t.ctx.database.query<{ id: number }>(
      sql`select id from inbox_events where event_id = 'stranger-1'`,
    );
    const out = await ingestEvent(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log, feedAuth: t.ctx.feedAuth },
      { inboxId: Number(row!.id), finalAttempt: false },
    );
    expect(out.status).toBe('dead');
    expect(await t.ctx.database.query(sql`select id from shops where domain = 'stranger.myshopify.com'`)).toHaveLength(
      0,
    );
    const [stored] = await t.ctx.database.query<{ status: string; last_error: string }>(
      sql`select status, last_error from inbox_events where event_id = 'stranger-1'`,
    );
    expect(stored).toMatchObject({ status: 'dead', last_error: 'unknown shop' });

    const kept = await pruneInbox(
      { db: t.ctx.db, log: t.ctx.log },
      { processedRetentionDays: 30, unknownShopRetentionDays: 3 },
    );
    expect(kept).toMatchObject({ pruned: 0, unknownShopPruned: 0, unknownShopKept: 1 });
    await t.ctx.database.query(
      sql`update inbox_events set received_at = now() - interval '4 days' where event_id = 'stranger-1'`,
    );
    const pruned = await pruneInbox(
      { db: t.ctx.db, log: t.ctx.log },
      { processedRetentionDays: 30, unknownShopRetentionDays: 3 },
    );
    expect(pruned).toMatchObject({ unknownShopPruned: 1, unknownShopKept: 0 });
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.join('')).toContain('stranger.myshopify.com');
  });
});
