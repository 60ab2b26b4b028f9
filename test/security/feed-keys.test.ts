import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEvent } from '../../core/use-cases/ingest-event.js';
import { feedKeys, inboxEvents, shops } from '../../drizzle/schema/index.js';
import { signedWebhook } from '../helpers/webhooks.js';
import { bearer, startSecurityWorld, type SecurityWorld } from './harness.js';

describe('3PL keys', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld({ FEED_FAILED_AUTH_PER_10_MINUTES: '10' });
  });
  afterAll(async () => w.close());

  const list = (key: string, remoteAddress = '203.0.113.1') =>
    w.app.inject({ url: '/feed/v1/allocations?status=open', headers: bearer(key), remoteAddress });

  it('records when a key was last used', async () => {
    expect((await list(w.a.feedKey)).statusCode).toBe(200);
    const [row] = await w.t.ctx.db.select().from(feedKeys).where(eq(feedKeys.warehouseId, w.a.warehouse.id));
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
  });

  // the changes go through the paths a merchant and Shopify take (the admin API, the uninstall
  // webhook and its ingest): those tell every instance's cached key checks (feed-key-check.ts)
  it('refuses the keys of a deactivated warehouse', async () => {
    expect((await list(w.b.otherKey)).statusCode).toBe(200);
    expect((await list(w.b.otherKey)).statusCode).toBe(200);
    const url = `/api/admin/warehouses/${w.b.other.id}`;
    const saved = (await w.app.inject({ url, headers: bearer(w.b.token) })).json();
    const put = await w.app.inject({
      method: 'PUT',
      url,
      headers: bearer(w.b.token),
      payload: { ...saved, active: false, location: { mode: 'none' } },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await list(w.b.otherKey)).statusCode).toBe(401);
  });

  it('refuses the keys of a shop that uninstalled', async () => {
    expect((await list(w.b.feedKey)).statusCode).toBe(200);
    expect((await list(w.b.feedKey)).statusCode).toBe(200);
    const domain = w.b.shop.domain;
    const req = signedWebhook({ id: 1, domain }, { topic: 'app/uninstalled', shop: domain, eventId: 'sec-b-gone' });
    const sent = await w.app.inject({
      ...req,
      headers: { ...req.headers, 'x-shopify-triggered-at': new Date(Date.now() + 1000).toISOString() },
    });
    expect(sent.statusCode).toBe(200);
    const [row] = await w.t.ctx.db
      .select({ id: inboxEvents.id })
      .from(inboxEvents)
      .where(eq(inboxEvents.eventId, 'sec-b-gone'));
    const ctx = w.t.ctx;
    expect(
      await ingestEvent(
        { db: ctx.db, queues: ctx.queues, log: ctx.log, feedAuth: ctx.feedAuth },
        { inboxId: row!.id, finalAttempt: true },
      ),
    ).toMatchObject({ status: 'processed', outcome: 'uninstalled' });
    expect((await w.t.ctx.db.select().from(shops).where(eq(shops.id, w.b.shop.id)))[0]!.status).toBe('uninstalled');
    const res = await list(w.b.feedKey);
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('Camille');
  });

  it('slows down an address that keeps trying wrong keys, before checking them', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 14; i++)
      codes.push((await list(`lk_0123456789ab_${'x'.repeat(30)}${i}`, '198.51.100.7')).statusCode);
    expect(
      codes.slice(0, 10).every((c) => c === 401),
      String(codes),
    ).toBe(true);
    expect(
      codes.slice(10).every((c) => c === 429),
      String(codes),
    ).toBe(true);
    // even a good key is refused from that address for a while; other addresses are unaffected
    expect((await list(w.a.feedKey, '198.51.100.7')).statusCode).toBe(429);
    expect((await list(w.a.feedKey, '203.0.113.9')).statusCode).toBe(200);
  });
});
