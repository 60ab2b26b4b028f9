import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionsRepo } from '../../core/db/sessions-repo.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { ingestEvent } from '../../core/use-cases/ingest-event.js';
import { buildApp } from '../../server/app.js';
import { seedShop } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { signedWebhook } from '../helpers/webhooks.js';

describe('a late app/uninstalled', () => {
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

  async function uninstallEvent(shop: string, triggeredAt: Date, eventId: string) {
    const req = signedWebhook({ id: 1, domain: shop }, { topic: 'app/uninstalled', shop, eventId });
    expect(
      (await app.inject({ ...req, headers: { ...req.headers, 'x-shopify-triggered-at': triggeredAt.toISOString() } }))
        .statusCode,
    ).toBe(200);
    const [row] = await t.ctx.database.query<{ id: number }>(
      sql`select id from inbox_events where event_id = ${eventId}`,
    );
    return ingestEvent(
      { db: t.ctx.db, queues: t.ctx.queues, log: t.ctx.log, feedAuth: t.ctx.feedAuth },
      { inboxId: Number(row!.id), finalAttempt: true },
    );
  }
  const saveToken = (shopId: number, domain: string) =>
    createSessionsRepo(t.ctx.db, t.ctx.cipher).save({
      id: `offline_${domain}`,
      shopId,
      isOnline: false,
      scope: null,
      accessToken: 'shpat_new',
      expiresAt: null,
      refreshToken: null,
      refreshTokenExpiresAt: null,
      userId: null,
    });

  it('does not undo an install that happened after it was sent', async () => {
    const shop = await seedShop(t.ctx.db, 'late.myshopify.com');
    await saveToken(shop.id, shop.domain);
    const out = await uninstallEvent(shop.domain, new Date(Date.now() - 60_000), 'late-1');
    expect(out.status).toBe('processed');
    expect((await createShopsRepo(t.ctx.db).byId(shop.id))!.status).toBe('active');
    expect(await createSessionsRepo(t.ctx.db, t.ctx.cipher).load(`offline_${shop.domain}`)).toBeTruthy();
  });

  it('still uninstalls when it is the newest word', async () => {
    const shop = await seedShop(t.ctx.db, 'gone.myshopify.com');
    await saveToken(shop.id, shop.domain);
    await uninstallEvent(shop.domain, new Date(Date.now() + 1000), 'gone-1');
    expect((await createShopsRepo(t.ctx.db).byId(shop.id))!.status).toBe('uninstalled');
  });
});
