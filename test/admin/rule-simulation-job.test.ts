import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulationStatus } from '../../core/contracts/admin/index.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { defaultRules } from '../../core/domain/routing/index.js';
import { simulateRules } from '../../core/use-cases/admin/simulate-rules.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { receive, seedOrder, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { until } from '../helpers/real-app.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

/** "Try on past orders" answers at once with a job id; the job's progress and result are polled. */
describe('try rules on past orders as a job', () => {
  let s: SimApp;
  let token: string;
  let other: string;
  let shopId: number;
  let workers: StartedWorkers | null = null;
  const orders = 240;
  beforeAll(async () => {
    s = await startSimApp();
    token = await simShop(s.sim, 'replay-job.myshopify.com');
    other = await simShop(s.sim, 'replay-other.myshopify.com');
    for (const tk of [token, other])
      expect(
        (await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${tk}` } })).statusCode,
      ).toBe(200);
    shopId = (await createShopsRepo(s.t.ctx.db).byDomain('replay-job.myshopify.com'))!.id;
    const db = s.t.ctx.db;
    const wh = await seedWarehouse(db, shopId);
    const sku = await seedSku(db, shopId, 'MUG-1');
    await receive(db, shopId, wh.id, sku, 10_000);
    const start = Date.now() - 2 * 86_400_000;
    for (let i = 0; i < orders; i++)
      await seedOrder(db, shopId, { placedAt: new Date(start + i * 60_000), lines: [{ sku: 'MUG-1', quantity: 1 }] });
  }, 120_000);
  afterAll(async () => {
    await workers?.close();
    await s.close();
  });

  const call = (method: 'GET' | 'POST', url: string, as = token, payload?: object) =>
    s.app.inject({ method, url: `/api/admin${url}`, headers: { authorization: `Bearer ${as}` }, payload });

  it('tells the share of the replay done as it goes', async () => {
    const seen: number[] = [];
    const res = await simulateRules(
      { db: s.t.ctx.db, onProgress: (p) => seen.push(p) },
      { shopId, draft: defaultRules(), days: 30, now: new Date() },
    );
    expect(res.orders).toBe(orders);
    // 2 runs × 240 orders, told every 200: at 200 and 400 of 480
    expect(seen).toEqual([200 / 480, 400 / 480]);
  });

  it('answers 202 with an id before any worker runs it, then progress and the result once a worker has', async () => {
    const started = await call('POST', '/routing-rules/simulations', token, { rules: defaultRules(), days: 30 });
    expect(started.statusCode).toBe(202);
    const { id } = started.json() as { id: string };
    // no simulate worker yet: the request did not wait for the replay
    expect((await call('GET', `/routing-rules/simulations/${id}`)).json()).toEqual({
      id,
      state: 'queued',
      progress: 0,
      result: null,
    });
    // another shop does not see it; an unknown id is a 404 too
    expect((await call('GET', `/routing-rules/simulations/${id}`, other)).statusCode).toBe(404);
    expect((await call('GET', '/routing-rules/simulations/simulate-1-nope')).statusCode).toBe(404);

    workers = await startWorkers(s.t.ctx, ['simulate']);
    const done = await until(
      'the simulation to finish',
      async () => {
        const st = (await call('GET', `/routing-rules/simulations/${id}`)).json() as SimulationStatus;
        expect(st.state).not.toBe('failed');
        return st.state === 'done' ? st : null;
      },
      undefined,
      30_000,
    );
    expect(done.progress).toBe(1);
    expect(done.result).toMatchObject({
      days: 30,
      orders,
      replayed: { selection: 'most_recent', limit: 3000, windowCapped: false },
    });
    expect(done.result!.current.orders).toBe(orders);
    expect(done.result!.draft).toEqual(done.result!.current);
  });

  it('refuses a draft with a NUL byte in a rule id, and an id with one', async () => {
    const bad = await call('POST', '/routing-rules/simulations', token, {
      rules: [{ ...defaultRules()[0]!, id: 'a\u0000b' }],
      days: 30,
    });
    expect(bad.statusCode).toBe(400);
    expect((await call('GET', '/routing-rules/simulations/a%00b')).statusCode).toBe(400);
  });
});
