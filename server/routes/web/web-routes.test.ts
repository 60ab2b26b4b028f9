import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { registerErrorHandler } from '../../plugins/error-handler.js';
import { adminRoutes } from '../admin/index.js';
import { APP_BRIDGE_SCRIPT } from './index-html.js';
import { webRoutes } from './index.js';

/** What a browser sends when it navigates. */
const DOC = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const TEMPLATE = `<!doctype html><html><head><meta name="shopify-api-key" content="%SHOPIFY_API_KEY%" /><!--app-bridge--><script type="module" src="/assets/app-1a2b.js"></script></head><body><div id="root"></div></body></html>`;

describe('web routes: the built admin app behind the API', () => {
  let t: TestContext;
  let app: FastifyInstance;
  let dist: string;

  beforeAll(async () => {
    t = await createTestContext({ SHOPIFY_API_KEY: 'key-"for"-<tests>' });
    dist = await mkdtemp(join(tmpdir(), 'web-dist-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), TEMPLATE);
    await writeFile(join(dist, 'assets', 'app-1a2b.js'), 'console.log("app")');
    await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    // as in server/app.ts: the API first, the app's catch-all last
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandler(app);
    await app.register(adminRoutes, { ctx: t.ctx, prefix: '/api/admin' });
    await app.register(webRoutes, { ctx: t.ctx, distDir: dist });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await t?.close();
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  it('lets the shop named in `shop` and Shopify admin frame the page', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/?shop=demo-fr.myshopify.com&host=YWRtaW4&embedded=1',
      headers: DOC,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toBe(
      'frame-ancestors https://demo-fr.myshopify.com https://admin.shopify.com;',
    );
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('allows only Shopify admin when `shop` is missing or not a myshopify.com domain', async () => {
    for (const url of [
      '/orders',
      '/orders?shop=evil.example.com',
      '/orders?shop=x.myshopify.com.evil.com',
      '/orders?shop=a%20b.myshopify.com',
      '/orders?shop=https://x.myshopify.com',
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: DOC });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-security-policy'], url).toBe('frame-ancestors https://admin.shopify.com;');
    }
  });

  it('serves index.html for every app path, with the API key filled in and escaped', async () => {
    for (const url of [
      '/',
      '/orders?status=backordered',
      '/orders/123',
      '/warehouses/new',
      '/rules',
      '/dead-letters',
      '/settings',
      '/no/such/page',
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: DOC });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<div id="root"></div>');
      expect(res.body, url).toContain('<meta name="shopify-api-key" content="key-&quot;for&quot;-&lt;tests&gt;" />');
      expect(res.body, url).not.toContain('%SHOPIFY_API_KEY%');
    }
  });

  it('loads App Bridge only when Shopify admin loads the page', async () => {
    const embedded = await app.inject({
      method: 'GET',
      url: '/?embedded=1&shop=demo-fr.myshopify.com&host=YWRtaW4',
      headers: DOC,
    });
    expect(embedded.body).toContain(APP_BRIDGE_SCRIPT);
    const standalone = await app.inject({ method: 'GET', url: '/', headers: DOC });
    expect(standalone.body).not.toContain('app-bridge.js');
    expect(standalone.body).not.toContain('<!--app-bridge-->');
  });

  it('serves hashed assets with long caching and other files with short caching', async () => {
    const js = await app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.headers['cache-control']).toContain('immutable');
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).not.toContain('immutable');
  });

  it('never turns a missing file or a path outside the build into a page', async () => {
    for (const url of ['/assets/missing.js', '/assets/..%2F..%2Fpackage.json', '/..%2F..%2F..%2Fetc%2Fpasswd.txt']) {
      const res = await app.inject({ method: 'GET', url, headers: DOC });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('leaves API paths to the API: a JSON 401 or 404, never the app', async () => {
    const shop = await app.inject({ method: 'GET', url: '/api/admin/shop' });
    expect(shop.statusCode).toBe(401);
    expect(shop.headers['x-shopify-retry-invalid-session-request']).toBe('1');
    for (const url of ['/api/admin/nope', '/api', '/feed/v1/nope', '/webhooks/nope', '/_demo/nope']) {
      const res = await app.inject({ method: 'GET', url, headers: DOC });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/json');
    }
  });

  it('answers a client that does not ask for a page with the JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/no/such/route', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'No route for GET /no/such/route' } });
  });

  it('says the app is not built rather than serving a blank page', async () => {
    const bare = Fastify();
    registerErrorHandler(bare);
    await bare.register(webRoutes, { ctx: t.ctx, distDir: join(dist, 'nowhere') });
    const res = await bare.inject({ method: 'GET', url: '/orders', headers: DOC });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:web');
    await bare.close();
  });
});
