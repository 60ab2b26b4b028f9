import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionsRepo } from '../../core/db/sessions-repo.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';
import { waitFor } from '../helpers/wait.js';

const SHOP = 'again.myshopify.com';

describe('uninstall and reinstall', () => {
  let s: SimApp;
  let workers: StartedWorkers;
  beforeAll(async () => {
    s = await startSimApp();
    workers = await startWorkers(s.t.ctx, ['ingest']);
  });
  afterAll(async () => {
    await workers.close();
    await s.close();
  });

  it('drops the tokens on app/uninstalled and installs again from a new session token', async () => {
    const first = await simShop(s.sim, SHOP);
    expect(
      (await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${first}` } })).statusCode,
    ).toBe(200);
    const sessions = createSessionsRepo(s.t.ctx.db, s.t.ctx.cipher);
    expect(await sessions.load(`offline_${SHOP}`)).toBeTruthy();

    s.sim.control.uninstallApp(SHOP);
    await waitFor(
      'uninstalled',
      async () => (await createShopsRepo(s.t.ctx.db).byDomain(SHOP))?.status === 'uninstalled',
    );
    expect(await sessions.load(`offline_${SHOP}`)).toBeUndefined();

    s.sim.control.installApp(SHOP);
    const again = await s.sim.mintSessionToken(SHOP);
    const res = await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${again}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json().shop.status).toBe('active');
    expect((await sessions.load(`offline_${SHOP}`))?.accessToken).toBeTruthy();
  });
});
