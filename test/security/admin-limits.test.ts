import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startSecurityWorld, type SecurityWorld } from './harness.js';

describe('admin actions have limits', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld({ ADMIN_RATE_LIMIT_PER_MINUTE: '12' });
  });
  afterAll(async () => w.close());

  const post = (url: string, token = w.a.token) => w.app.inject({ method: 'POST', url, headers: bearer(token) });
  const waiting = async (kind: string) =>
    (await w.t.ctx.queues.queue('reconcile').getJobs(['waiting', 'delayed', 'active', 'prioritized'])).filter(
      (j) => j.data.shopId === w.a.shop.id && j.data.kind === kind,
    ).length;

  it('coalesces repeated imports and reconciliations into the one already queued', async () => {
    const imports = [
      await post('/api/admin/imports'),
      await post('/api/admin/imports'),
      await post('/api/admin/imports'),
    ];
    expect(imports.map((r) => r.statusCode)).toEqual([202, 202, 202]);
    expect(imports.map((r) => r.json().coalesced)).toEqual([false, true, true]);
    expect(await waiting('import')).toBe(1);
    const runs = [await post('/api/admin/reconciliation/run'), await post('/api/admin/reconciliation/run')];
    expect(runs.map((r) => r.json().coalesced)).toEqual([false, true]);
    expect(await waiting('orders')).toBe(1);
  });

  it("limits each shop's admin API calls per minute, without slowing other shops", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 10; i++)
      codes.push((await w.app.inject({ url: '/api/admin/shop', headers: bearer(w.a.token) })).statusCode);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
    const res = await w.app.inject({ url: '/api/admin/shop', headers: bearer(w.a.token) });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('rate_limited');
    expect((await w.app.inject({ url: '/api/admin/shop', headers: bearer(w.b.token) })).statusCode).toBe(200);
  });
});
