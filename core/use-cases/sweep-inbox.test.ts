import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxRepo } from '../db/inbox-repo.js';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.js';
import { sweepInbox } from './sweep-inbox.js';

describe('sweepInbox (real Postgres and Redis)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it('re-enqueues pending rows that Redis lost, once each', async () => {
    const repo = createInboxRepo(t.ctx.db);
    const rows = await repo.insertMany([
      { source: 'shopify', eventId: 's-1', shopDomain: 'a.myshopify.com', topic: 'orders/create', body: '{}' },
      { source: 'shopify', eventId: 's-2', shopDomain: 'a.myshopify.com', topic: 'orders/create', body: '{}' },
    ]);
    await repo.markProcessed(rows[1]!.id, null);
    const later = new Date(Date.now() + 60_000);
    const deps = { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log };
    expect(await sweepInbox(deps, { olderThanMs: 10_000, now: later })).toEqual({ enqueued: 1 });
    await sweepInbox(deps, { olderThanMs: 10_000, now: later });
    const jobs = await t.ctx.queues.queue('ingest').getJobs(['waiting']);
    expect(jobs.map((j) => j.id)).toEqual([`inbox-${rows[0]!.id}`]);
  });
});
