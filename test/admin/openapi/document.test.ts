import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaOf, loadAdminDoc } from '../../helpers/admin-openapi.js';
import { startSimApp, type SimApp } from '../../helpers/sim-app.js';

describe('admin API: /api/admin/openapi.json itself', () => {
  let s: SimApp;
  let admin: Awaited<ReturnType<typeof loadAdminDoc>>;

  beforeAll(async () => {
    s = await startSimApp();
    admin = await loadAdminDoc(s.app);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('is public, OpenAPI 3.1, and describes the routes under /api/admin', async () => {
    const { doc } = admin;
    expect((await s.app.inject('/api/admin/openapi.json')).headers['content-type']).toContain('application/json');
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api/admin' }]);
    expect(Object.keys(doc.paths)).toContain('/orders/{id}');
    // every operation declares a real schema for its success answer, not an empty one
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const ok = Object.entries(op.responses).filter(([code]) => code.startsWith('2'));
        expect(ok.length, `${method} ${path} has a success response`).toBeGreaterThan(0);
        for (const [, r] of ok)
          for (const c of Object.values(r.content ?? {}))
            expect(Object.keys(c.schema as object).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
    // the 3PL feed keeps its own document
    const feed = (await s.app.inject('/feed/v1/openapi.json')).json();
    expect(Object.keys(feed.paths).some((p) => p.startsWith('/orders') || p.startsWith('/shop'))).toBe(false);
  });

  it('puts every documented path in an area whose file calls all its operations', () => {
    // each area's file checks that it called every operation of its area; together they call them all
    expect(Object.keys(admin.doc.paths).filter((p) => areaOf(p) === undefined)).toEqual([]);
  });

  it('rejects an answer that is off its schema', () => {
    const { check } = admin;
    expect(
      check({ method: 'get', path: '/orders/{id}', url: '' }, 200, 'application/json', {
        order: { id: 'not-a-number' },
      })?.length,
    ).toBeGreaterThan(0);
    expect(
      check({ method: 'get', path: '/overview', url: '' }, 200, 'application/json', { waitingToRoute: 1 })?.length,
    ).toBeGreaterThan(0);
    expect(check({ method: 'get', path: '/shop', url: '' }, 418, 'application/json', {})?.length).toBeGreaterThan(0);
    expect(check({ method: 'get', path: '/shop', url: '' }, 201, 'application/json', {})?.length).toBeGreaterThan(0);
  });
});
