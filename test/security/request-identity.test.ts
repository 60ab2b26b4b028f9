import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

describe('request ids and client addresses', () => {
  let plain: TestContext;
  let proxied: TestContext;
  beforeAll(async () => {
    plain = await createTestContext();
    proxied = await createTestContext({ TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(async () => {
    await plain.close();
    await proxied.close();
  });

  async function whoAmI(t: TestContext, headers: Record<string, string>) {
    const app = await buildApp(t.ctx, { logger: false });
    app.get('/whoami', async (req) => ({ ip: req.ip, id: req.id }));
    const res = await app.inject({ url: '/whoami', headers });
    await app.close();
    return { ...(res.json() as { ip: string; id: string }), header: res.headers['x-request-id'] as string };
  }

  it("never takes a client's request id as its own, and keeps a safe one as a suffix", async () => {
    const a = await whoAmI(plain, { 'x-request-id': 'abc-123' });
    expect(a.id).not.toBe('abc-123');
    expect(a.id).toMatch(/^[0-9a-f-]{36}\.abc-123$/);
    expect(a.header).toBe(a.id);
    const b = await whoAmI(plain, { 'x-request-id': 'x'.repeat(500) });
    expect(b.id).toMatch(/^[0-9a-f-]{36}$/);
    const c = await whoAmI(plain, { 'x-request-id': 'a b"<script>' });
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('trusts X-Forwarded-For only from a configured proxy', async () => {
    expect((await whoAmI(plain, { 'x-forwarded-for': '198.51.100.23' })).ip).toBe('127.0.0.1');
    expect((await whoAmI(proxied, { 'x-forwarded-for': '198.51.100.23' })).ip).toBe('198.51.100.23');
  });
});
