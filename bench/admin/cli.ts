import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { createDatabase } from '../../core/db/client.js';
import { encodeCursor } from '../../core/db/order-queries.js';
import { defaultRules } from '../../core/domain/routing/index.js';
import { note, numberArg, parseArgs } from '../lib/args.js';
import { createBenchDatabase } from '../lib/bench-db.js';
import { BENCH_SHOP, seedAdminShop } from './seed.js';

interface PageStats {
  p50_ms: number;
  p95_ms: number;
  rps: number;
}
type Req = { path: string; method?: 'GET' | 'POST'; body?: unknown };

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * `npm run bench -- admin --json [--orders N] [--seconds S] [--connections C] [--db URL]`: seeds a shop of N
 * orders (1,000,000) in a scratch database, starts the server in its own process, and measures
 * each admin page the merchant opens with C (10) concurrent connections for S (5) seconds each.
 * `stall_ms` is the worst latency of a cheap request (GET /shop) while try-on-past-orders jobs run
 * (each started by a POST and polled until done).
 * The last line of stdout is `{ orders, seed_seconds, pages: { name: { p50_ms, p95_ms, rps } }, stall_ms }`.
 */
export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const n = Math.round(numberArg(args, 'orders', 1_000_000));
  const seconds = numberArg(args, 'seconds', 5);
  const connections = Math.round(numberArg(args, 'connections', 10));
  // --db <url>: measure a database seeded by an earlier run (migrated on start, kept afterwards)
  const reuse = args.get('db');
  const bench = reuse ? { url: reuse, drop: async () => {} } : await createBenchDatabase();
  const database = await createDatabase({ url: bench.url, pgliteDir: '', poolSize: 2 });
  let child: ChildProcess | undefined;
  try {
    const t0 = Date.now();
    let shopId: number;
    if (reuse) {
      await database.migrate();
      const [row] = await database.query<{ id: number }>(sql`select id from shops where domain = ${BENCH_SHOP}`);
      if (!row) throw new Error(`--db ${reuse} holds no ${BENCH_SHOP} shop`);
      shopId = Number(row.id);
      note(`measuring the existing shop of ${reuse}`);
    } else {
      note(`seeding ${n} orders`);
      ({ shopId } = await seedAdminShop(database, n));
    }
    const seedSeconds = reuse ? 0 : Math.round((Date.now() - t0) / 100) / 10;
    if (!reuse) note(`seeded in ${seedSeconds} s`);
    const [count] = await database.query<{ n: number }>(
      sql`select count(*)::int as n from orders where shop_id = ${shopId}`,
    );
    const orders = Number(count!.n);

    // what the pages ask for: a six-month-old cursor, an order name, the best-selling SKU, order ids
    const [mid] = await database.query<{ id: number; placed_at: string }>(sql`
      select id, placed_at::text from orders where shop_id = ${shopId} order by placed_at desc, id desc offset ${Math.floor(orders / 2)} limit 1`);
    const deepCursor = encodeCursor(new Date(mid!.placed_at), Number(mid!.id));
    const [range] = await database.query<{ lo: number; hi: number }>(
      sql`select min(id)::int as lo, max(id)::int as hi from orders where shop_id = ${shopId}`,
    );
    const nameQuery = String(1000 + Math.floor(orders * 0.37));

    const port = await freePort();
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/admin/app-process.ts',
        bench.url,
        `{adm${randomBytes(3).toString('hex')}}`,
        String(port),
        BENCH_SHOP,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
      child!.on('exit', (code) => reject(new Error(`app process exited with ${code}`)));
    });
    const token = await new SignJWT({ dest: `https://${BENCH_SHOP}`, sid: 'bench', sub: '1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(`https://${BENCH_SHOP}/admin`)
      .setAudience('bench-key')
      .setIssuedAt()
      .setNotBefore(Math.floor(Date.now() / 1000) - 5)
      .setExpirationTime('2h')
      .sign(new TextEncoder().encode('bench-secret'));
    const base = `http://127.0.0.1:${port}/api/admin`;

    const send = async (r: Req, expect = 200): Promise<{ ms: number; body: ArrayBuffer }> => {
      const t = performance.now();
      const res = await fetch(base + r.path, {
        method: r.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, ...(r.body ? { 'content-type': 'application/json' } : {}) },
        body: r.body ? JSON.stringify(r.body) : undefined,
      });
      const body = await res.arrayBuffer();
      if (res.status !== expect) throw new Error(`${r.method ?? 'GET'} ${r.path}: HTTP ${res.status}`);
      return { ms: performance.now() - t, body };
    };
    const call = async (r: Req): Promise<number> => (await send(r)).ms;
    const json = (b: ArrayBuffer) => JSON.parse(new TextDecoder().decode(b)) as Record<string, unknown>;
    /** try-on-past-orders as the admin runs it: start the job, poll until it is done; the whole wait */
    const tryOn = async (): Promise<number> => {
      const t = performance.now();
      const { body } = await send(simulate, 202);
      const path = `/routing-rules/simulations/${encodeURIComponent(String(json(body).id))}`;
      for (;;) {
        const state = json((await send({ path })).body).state;
        if (state === 'done') return performance.now() - t;
        if (state === 'failed') throw new Error(`try-on-past-orders job ${path} failed`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const measure = async (
      name: string,
      next: () => Req,
      conns = connections,
      op: () => Promise<number> = () => call(next()),
    ): Promise<PageStats> => {
      for (let i = 0; i < 3; i++) await op();
      const lat: number[] = [];
      const until = performance.now() + seconds * 1000;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: conns }, async () => {
          while (performance.now() < until) lat.push(await op());
        }),
      );
      const out = {
        p50_ms: pct(lat, 50),
        p95_ms: pct(lat, 95),
        rps: Math.round((lat.length / ((performance.now() - started) / 1000)) * 10) / 10,
      };
      note(
        `${name} (${conns} conn): p50 ${out.p50_ms} ms, p95 ${out.p95_ms} ms, ${out.rps} req/s, ${lat.length} requests`,
      );
      return out;
    };
    const randomOrder = () => range!.lo + Math.floor(Math.random() * (range!.hi - range!.lo + 1));
    const simulate: Req = {
      path: '/routing-rules/simulations',
      method: 'POST',
      body: { rules: defaultRules(), days: 30 },
    };

    const pages: Record<string, PageStats> = {};
    pages.orders_first = await measure('orders first page', () => ({ path: '/orders' }));
    pages.orders_status = await measure('orders status=shipped', () => ({ path: '/orders?status=shipped' }));
    pages.orders_deep = await measure('orders deep cursor', () => ({ path: `/orders?cursor=${deepCursor}` }));
    pages.search_name = await measure('search by order name', () => ({
      path: `/orders?q=${encodeURIComponent(nameQuery)}`,
    }));
    pages.search_sku = await measure('search by SKU', () => ({ path: '/orders?q=SKU-1' }));
    pages.overview = await measure('overview', () => ({ path: '/overview' }));
    pages.order = await measure('order page', () => ({ path: `/orders/${randomOrder()}` }));
    pages.stock = await measure('stock', () => ({ path: '/stock' }));
    // from the start of the job to its result, polled as the admin does
    pages.try_on_past_orders = await measure('try rules on past orders', () => simulate, connections, tryOn);

    // stall: one connection keeps asking for a cheap page while try-on-past-orders runs on others
    let stall = 0;
    let running = true;
    const cheap = (async () => {
      while (running) stall = Math.max(stall, await call({ path: '/shop' }));
    })();
    await Promise.all(
      Array.from({ length: 2 }, async () => {
        for (let i = 0; i < 3; i++) await tryOn();
      }),
    );
    running = false;
    await cheap;
    const stallMs = Math.round(stall * 10) / 10;
    note(`stall: worst GET /shop while try-on-past-orders ran: ${stallMs} ms`);
    process.stdout.write(`${JSON.stringify({ orders, seed_seconds: seedSeconds, pages, stall_ms: stallMs })}\n`);
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await database.close();
    // --keep: leave the seeded database for `--db <url>` runs (and EXPLAIN by hand)
    if (args.has('keep') && !reuse) note(`kept the seeded database: ${bench.url}`);
    else await bench.drop();
  }
}
