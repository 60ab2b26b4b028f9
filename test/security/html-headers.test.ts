import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFuzzWorld, type FuzzWorld } from './fuzz/run-fuzz.js';

describe('every HTML answer says who may frame it', () => {
  let w: FuzzWorld;
  beforeAll(async () => {
    w = await startFuzzWorld();
  });
  afterAll(async () => w.close());

  it('sends a CSP with frame-ancestors on each HTML page', async () => {
    const urls = new Set([
      '/',
      '/?shop=fuzz-a.myshopify.com&embedded=1',
      '/orders',
      '/no/such/page',
      '/feed/v1/docs',
      '/feed/v1/docs/',
      '/feed/v1/docs/static/index.html',
    ]);
    for (const r of w.routes) if (r.method === 'GET' && !r.url.includes(':') && !r.url.includes('*')) urls.add(r.url);
    let html = 0;
    for (const url of urls) {
      const res = await w.app.inject({ url, headers: { accept: 'text/html' } });
      if (!String(res.headers['content-type'] ?? '').includes('text/html')) continue;
      html++;
      expect(String(res.headers['content-security-policy'] ?? ''), url).toMatch(/frame-ancestors /);
    }
    expect(html).toBeGreaterThan(1);
  });
});
