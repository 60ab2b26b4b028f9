import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedKeys, shops, warehouses } from '../../drizzle/schema/index.js';
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

  it('refuses the keys of a deactivated warehouse', async () => {
    expect((await list(w.b.otherKey)).statusCode).toBe(200);
    await w.t.ctx.db.update(warehouses).set({ active: false }).where(eq(warehouses.id, w.b.other.id));
    expect((await list(w.b.otherKey)).statusCode).toBe(401);
  });

  it('refuses the keys of a shop that uninstalled', async () => {
    expect((await list(w.b.feedKey)).statusCode).toBe(200);
    await w.t.ctx.db
      .update(shops)
      .set({ status: 'uninstalled', uninstalledAt: new Date() })
      .where(eq(shops.id, w.b.shop.id));
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
