import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { z } from 'zod';
import { buildApp } from '../../../server/app.js';
import { createTestContext, type TestContext } from '../../helpers/test-context.js';
import { seedTenant, sessionToken, type Tenant } from '../harness.js';
import { arbitraryFor } from './zod-arbitrary.js';

interface Route {
  method: string;
  url: string;
  schema: { body?: z.ZodType; querystring?: z.ZodType; params?: z.ZodType; headers?: z.ZodType };
}

export interface FuzzWorld {
  t: TestContext;
  app: FastifyInstance;
  routes: Route[];
  a: Tenant;
  b: Tenant;
  close(): Promise<void>;
}

export interface FuzzReport {
  requests: number;
  responses_5xx: number;
  db_changed: boolean;
  failures: { request: string; status: number; body: string }[];
}

/** The app with every limit raised (the fuzzer is one client hammering), two tenants, and its route table. */
export async function startFuzzWorld(): Promise<FuzzWorld> {
  const t = await createTestContext({
    ADMIN_RATE_LIMIT_PER_MINUTE: '10000000',
    FEED_RATE_LIMIT_PER_MINUTE: '10000000',
    FEED_FAILED_AUTH_PER_10_MINUTES: '10000000',
  });
  const routes: Route[] = [];
  const app = await buildApp(t.ctx, {
    logger: false,
    onRoute: (r) => {
      for (const method of [r.method].flat())
        if (method !== 'HEAD' && method !== 'OPTIONS')
          routes.push({ method, url: r.url, schema: (r.schema ?? {}) as Route['schema'] });
    },
  });
  await app.ready();
  const a = await seedTenant(t, 'fuzz-a.myshopify.com');
  // the second tenant's ids start far away, so "another shop's id" never names one of the first shop's rows in another table
  await t.ctx.database.query(sql`select setval(c.oid, 100000) from pg_class c where c.relkind = 'S'`);
  const b = await seedTenant(t, 'fuzz-b.myshopify.com');
  return {
    t,
    app,
    routes,
    a,
    b,
    async close() {
      await app.close();
      await t.close();
    },
  };
}

/** One digest of every row of every table (a key's last-used time is bookkeeping, not a change). */
export async function databaseDigest(t: TestContext): Promise<string> {
  const tables = await t.ctx.database.query<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const [row] = await t.ctx.database.query<{ d: string }>(
      sql`select md5(coalesce(string_agg((to_jsonb(x) - 'last_used_at')::text, '|' order by (to_jsonb(x) - 'last_used_at')::text), '')) as d from ${sql.identifier(table_name)} x`,
    );
    parts.push(`${table_name}:${row!.d}`);
  }
  return parts.join(',');
}

type Auth = 'own' | 'foreign' | 'none' | 'garbage' | 'tampered';

/** Puts a string Postgres cannot store somewhere in the value, so the request can only be refused. */
function poison(value: unknown, pick: number, bad: string): unknown {
  if (Array.isArray(value) && value.length)
    return value.map((v, i) => (i === pick % value.length ? poison(v, pick >> 1, bad) : v));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length && pick % 3 !== 0) {
      const k = keys[pick % keys.length]!;
      return { ...value, [k]: poison((value as Record<string, unknown>)[k], pick >> 1, bad) };
    }
    return { ...value, [`k${bad}`]: bad };
  }
  return typeof value === 'string' ? `${value}${bad}` : { v: value, x: bad };
}

export function requestArbitrary(w: FuzzWorld): fc.Arbitrary<InjectOptions & { expectStatus?: number }> {
  const routes = w.routes.filter((r) => !r.url.startsWith('/feed/v1/docs') && !r.url.startsWith('/auth'));
  const idsOf = (t: Tenant) => [t.orderId, t.allocationId, t.warehouse.id, t.other.id, t.lineId];
  const invalidIds = ['0', '-1', 'abc', '1e3', '99999999999999999999', '%00', '%F0%9F%98%80', '1.5'];
  const badSecrets = ['', 'x', 'demo-api-secret ', 'not-the-secret'];

  return fc
    .record({
      route: fc.constantFrom(...routes),
      auth: fc.constantFrom<Auth>(
        'own',
        'own',
        'own',
        'own',
        'own',
        'foreign',
        'foreign',
        'none',
        'garbage',
        'tampered',
      ),
      idKind: fc.constantFrom('own', 'foreign', 'invalid'),
      idPick: fc.nat(),
      invalidId: fc.constantFrom(...invalidIds),
      body: fc.jsonValue({ maxDepth: 3 }),
      mode: fc.constantFrom('schema-poisoned', 'schema-poisoned', 'schema', 'random', 'broken-json'),
      pick: fc.nat(),
      bad: fc.constantFrom('\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy'),
      tamper: fc.constantFrom('signature', 'alg-none', 'audience', 'destination', 'expired', 'not-yet', 'other-secret'),
      schemaBody: fc.constant(null),
    })
    .chain((g) => {
      const s = g.route.schema;
      return fc
        .record({
          body: s.body ? arbitraryFor(s.body) : fc.constant(undefined),
          query: s.querystring
            ? arbitraryFor(s.querystring)
            : fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 10 }), { maxKeys: 2 }),
        })
        .map((gen) => ({ g, gen }));
    })
    .map(({ g, gen }) => {
      const { route } = g;
      // the admin API's OpenAPI document is public, like the feed's: it describes the API and holds no shop data
      const isAdmin = route.url.startsWith('/api/admin') && route.url !== '/api/admin/openapi.json';
      const isFeed = route.url.startsWith('/feed/v1/') && route.url !== '/feed/v1/openapi.json';
      const mutating = route.method !== 'GET';
      const hasParams = route.url.includes(':');
      // a valid request could change the database: a mutating route gets its own ids only together with a poisoned input
      const mustPoison = mutating && (g.idKind === 'own' || !hasParams);
      const cred = g.auth === 'foreign' ? w.b : w.a;
      const tenant = g.idKind === 'foreign' ? (cred === w.a ? w.b : w.a) : cred;
      const url = route.url.replace(/:(\w+)/g, () =>
        g.idKind === 'invalid' ? g.invalidId : String(idsOf(tenant)[g.idPick % 5]),
      );
      const headers: Record<string, string> = {};
      let expectStatus: number | undefined;

      if (isAdmin || isFeed) {
        const own = isAdmin ? cred.token : cred.feedKey;
        if (g.auth === 'own' || g.auth === 'foreign') headers.authorization = `Bearer ${own}`;
        else if (g.auth === 'garbage')
          headers.authorization = `Bearer ${isAdmin ? 'eyJhbGciOiJub25lIn0.e30.' : 'lk_000000000000_xxxxxxxxxxxxxxxxxxxxxxxx'}`;
        else if (g.auth === 'tampered')
          headers.authorization = `Bearer ${isAdmin ? tamperedToken(own, g.tamper) : `${own.slice(0, -3)}${own.endsWith('AAA') ? 'BBB' : 'AAA'}`}`;
        if (g.auth === 'none' || g.auth === 'garbage' || g.auth === 'tampered') expectStatus = 401;
      }
      if (route.url.startsWith('/webhooks') || route.url.startsWith('/shopify/fulfillment-service')) {
        headers['x-shopify-topic'] = 'orders/create';
        headers['x-shopify-shop-domain'] = 'fuzz-a.myshopify.com';
        headers['x-shopify-webhook-id'] = `w${g.pick}`;
        if (g.pick % 2) headers['x-shopify-hmac-sha256'] = badSecrets[g.pick % badSecrets.length]!;
      }
      if (route.url.includes('/shipments')) headers['idempotency-key'] = `fuzz-${g.pick}`.padEnd(8, '0');

      const poisonNow = mustPoison || g.mode === 'schema-poisoned';
      let payload: string | undefined;
      let query: Record<string, unknown> | undefined = gen.query as Record<string, unknown>;
      if (route.schema.body) {
        const value = g.mode === 'random' && !mustPoison ? g.body : (gen.body ?? {});
        payload =
          g.mode === 'broken-json'
            ? JSON.stringify(value).slice(0, -1) || '{'
            : JSON.stringify(poisonNow ? poison(value, g.pick, g.bad) : value);
        if (payload === undefined) payload = '{';
      } else if (mutating && poisonNow) {
        // a lone surrogate does not survive URL encoding; NUL does (%00)
        if (route.schema.querystring) query = poison(query ?? {}, g.pick, 'q\u0000') as Record<string, unknown>;
        else if (!hasParams || g.idKind === 'own') {
          // nothing to poison: only refused credentials keep this request from acting
          headers.authorization = 'Bearer not-a-valid-credential';
          expectStatus = isAdmin || isFeed ? 401 : undefined;
        }
      } else if (mutating && !route.url.startsWith('/webhooks') && !route.url.startsWith('/shopify/')) {
        payload = JSON.stringify(g.body);
      }
      if (route.url.startsWith('/webhooks') || route.url.startsWith('/shopify/fulfillment-service'))
        payload = JSON.stringify(g.body);
      return {
        method: route.method as InjectOptions['method'],
        url,
        headers: payload !== undefined ? { ...headers, 'content-type': 'application/json' } : headers,
        query: query
          ? Object.fromEntries(
              Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
            )
          : undefined,
        payload,
        expectStatus,
      };
    });
}

/** A session token bent one way; the secret behind it is the simulator's public one, as in the fixtures. */
function tamperedToken(valid: string, how: string): string {
  const [h, p, s] = valid.split('.');
  const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  switch (how) {
    case 'signature':
      return `${h}.${p}.${s!.slice(0, -2)}AA`;
    case 'alg-none':
      return `${enc({ alg: 'none', typ: 'JWT' })}.${p}.`;
    case 'audience':
      return `${h}.${enc({ ...claims, aud: 'someone-else' })}.${s}`;
    case 'destination':
      return `${h}.${enc({ ...claims, dest: 'https://fuzz-b.myshopify.com' })}.${s}`;
    case 'expired':
      return `${h}.${enc({ ...claims, exp: 1 })}.${s}`;
    case 'not-yet':
      return `${h}.${enc({ ...claims, nbf: 4_000_000_000 })}.${s}`;
    default:
      return `${h}.${p}.${Buffer.from('forged-with-another-secret').toString('base64url')}`;
  }
}

/** Sends `count` generated requests, `concurrency` at a time; 5xx answers and unexpected statuses are failures. */
export async function runFuzz(w: FuzzWorld, count: number, seed: number, concurrency = 16): Promise<FuzzReport> {
  const before = await databaseDigest(w.t);
  const failures: FuzzReport['failures'] = [];
  const timing = new Map<string, number>();
  let fivexx = 0;
  let sent = 0;
  const batch = 2000;
  for (let start = 0; start < count; start += batch) {
    const reqs = fc.sample(requestArbitrary(w), { numRuns: Math.min(batch, count - start), seed: seed + start });
    let next = 0;
    const workers = Array.from({ length: concurrency }, async () => {
      while (next < reqs.length) {
        const { expectStatus, ...req } = reqs[next++]!;
        const t0 = performance.now();
        const res = await w.app.inject(req);
        const key = `${req.method} ${String(req.url).split('/').slice(0, 4).join('/')}`;
        timing.set(key, (timing.get(key) ?? 0) + performance.now() - t0);
        sent++;
        if (res.statusCode >= 500) fivexx++;
        if (process.env.FUZZ_DEBUG && req.method !== 'GET' && res.statusCode < 300)
          console.log('2xx', res.statusCode, JSON.stringify(req).slice(0, 400));
        if (res.statusCode >= 500 || (expectStatus !== undefined && res.statusCode !== expectStatus)) {
          if (failures.length < 20)
            failures.push({
              request: JSON.stringify(req).slice(0, 600),
              status: res.statusCode,
              body: res.body.slice(0, 300),
            });
        }
      }
    });
    await Promise.all(workers);
  }
  if (process.env.FUZZ_TIMING) console.log([...timing].sort((x, y) => y[1] - x[1]).slice(0, 12));
  const after = await databaseDigest(w.t);
  if (before !== after) {
    const was = new Set(before.split(','));
    failures.push({
      request: 'database digest',
      status: 0,
      body: `changed: ${after
        .split(',')
        .filter((p) => !was.has(p))
        .map((p) => p.split(':')[0])
        .join(', ')}`,
    });
  }
  return { requests: sent, responses_5xx: fivexx, db_changed: before !== after, failures };
}

export { sessionToken };
