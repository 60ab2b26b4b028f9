import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { sql } from 'drizzle-orm';
import { SHOP } from '../../../bench/e2e/flash-shop.js';
import { burstWith, criterion, sleep, type Fault } from '../harness/fault.js';
import { API_SECRET, type Stack } from '../harness/stack.js';
import { postWebhook } from './shopify-chaos.js';

const inboxCount = async (stack: Stack) =>
  Number((await stack.database.query<{ n: number }>(sql`select count(*)::int as n from inbox_events`))[0]?.n ?? 0);

/**
 * 5 MB signed like any webhook, over a raw request: the server may answer 413 and close before
 * it has read the body, which fetch reports as a failure, not as the answer.
 */
function postOversized(stack: Stack, bytes: number): Promise<number> {
  const body = JSON.stringify({ id: 1, note: 'x'.repeat(bytes) });
  const url = new URL(`${stack.appUrl}/webhooks`);
  return new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-shopify-topic': 'orders/create',
          'x-shopify-shop-domain': SHOP,
          'x-shopify-webhook-id': 'oversized',
          'x-shopify-hmac-sha256': createHmac('sha256', API_SECRET).update(body).digest('base64'),
        },
      },
      (res) => {
        clearTimeout(sendBody);
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on('error', (e) => {
      process.stderr.write(`oversized post: ${e.message}\n`);
      resolve(0);
    });
    // the headers alone announce the size: a server that refuses it answers before the body
    req.flushHeaders();
    const sendBody = setTimeout(() => req.end(body), 2000);
  });
}

const aliveCheck = (stack: Stack) =>
  criterion(
    'no crash loop',
    stack.server.running && stack.workers.every((w) => w.running),
    'server and workers running',
  );

export const malformedBodies: Fault = {
  id: 'F10',
  title: 'malformed bodies: truncated JSON, 5 MB, wrong types, unknown topic',
  short: false,
  async run(stack, scale) {
    const answers: string[] = [];
    const poison: { topic: string; body: string }[] = [
      { topic: 'orders/create', body: '{"id": 123, "line_items": [{"sku": "A"' },
      { topic: 'orders/create', body: JSON.stringify({ id: 'not-a-number', line_items: 'none', email: 42 }) },
      { topic: 'orders/teleported', body: JSON.stringify({ id: 1 }) },
    ];
    let unsignedRefused = 0;
    let signedAnswered = 0;
    let oversized = 0;
    const gids = await burstWith(stack, { rate: 5 * scale, seconds: 4, seed: 1010, atMs: 500 }, async () => {
      for (const p of poison) {
        if ((await postWebhook(stack, { ...p, signature: null })) === 401) unsignedRefused++;
        const status = await postWebhook(stack, p);
        answers.push(`${p.topic}: ${status}`);
        if ([200, 400, 413, 422].includes(status)) signedAnswered++;
      }
      const status = await postOversized(stack, 5 * 1024 * 1024);
      answers.push(`5 MB: ${status}`);
      if (status === 413) oversized++;
    });
    // what was acknowledged must end among the dead letters, never loop in the queue
    let stuck = 0;
    for (let i = 0; i < 60; i++) {
      const [r] = await stack.database.query<{ n: number }>(sql`
        select count(*)::int as n from inbox_events
        where status = 'pending' and (body like '%not-a-number%' or body like '{"id": 123, "line_items": [{"sku": "A"' or topic = 'orders/teleported')`);
      stuck = Number(r?.n ?? 0);
      if (stuck === 0) break;
      await sleep(1000);
    }
    return {
      gids,
      criteria: [
        criterion(
          '401 before the signature passes',
          unsignedRefused === poison.length,
          `${unsignedRefused} of ${poison.length}`,
        ),
        criterion('200, 400 or 422 once signed', signedAnswered === poison.length, answers.join(', ')),
        criterion('413 for 5 MB', oversized === 1, answers.at(-1) ?? ''),
        criterion('poison ends among the dead letters', stuck === 0, `${stuck} still pending`),
        aliveCheck(stack),
      ],
    };
  },
};

export const badSignatures: Fault = {
  id: 'F11',
  title: 'wrong, missing or re-serialised HMAC',
  short: true,
  async run(stack, scale) {
    const body = JSON.stringify({ id: 99, email: 'a@b.c', line_items: [] });
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    const routes = [
      { path: '/webhooks', topic: 'orders/create' },
      { path: '/webhooks', topic: 'app/uninstalled' },
      { path: '/webhooks/compliance', topic: 'customers/redact' },
      { path: '/webhooks/compliance', topic: 'customers/data_request' },
      { path: '/webhooks/compliance', topic: 'shop/redact' },
    ];
    const before = await inboxCount(stack);
    let refused = 0;
    let tried = 0;
    const gids = await burstWith(stack, { rate: 5 * scale, seconds: 3, seed: 1111, atMs: 500 }, async () => {
      const cases: { signature: string | null; body: string }[] = [
        { signature: null, body },
        { signature: 'bm90IGEgc2lnbmF0dXJl', body },
        { signature: createHmac('sha256', 'another-secret').update(body).digest('base64'), body },
        // right for `body`, sent with another serialisation of the same JSON
        { signature: createHmac('sha256', API_SECRET).update(body).digest('base64'), body: reserialised },
      ];
      for (const r of routes)
        for (const c of cases) {
          tried++;
          if ((await postWebhook(stack, { ...r, ...c })) === 401) refused++;
        }
    });
    const stored = await stack.database.query<{ n: number }>(
      sql`select count(*)::int as n from inbox_events where body like '%"id":99%' or body like '%"id": 99%'`,
    );
    const after = await inboxCount(stack);
    return {
      gids,
      criteria: [
        criterion('401 on every webhook route', refused === tried, `${refused} of ${tried}`),
        criterion(
          'nothing stored',
          Number(stored[0]?.n) === 0,
          `${Number(stored[0]?.n)} rows; inbox grew ${after - before} with the burst`,
        ),
      ],
    };
  },
};

export const crossTenant: Fault = {
  id: 'F12',
  title: "cross-tenant: shop B asking for shop A's ids; a 3PL key asking for another warehouse",
  short: true,
  async run(stack, scale) {
    const other = 'other-tenant.myshopify.com';
    if (!stack.sim.control.listShops().some((s) => s.domain === other)) {
      stack.sim.control.createShop({
        domain: other,
        name: 'Other',
        plan: 'standard',
        currency: 'EUR',
        installed: true,
      });
    }
    const asOther = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${stack.appUrl}/api/admin${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await stack.sim.mintSessionToken(other)}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, text: await res.text() };
    };
    await asOther('GET', '/shop');
    const gids = await burstWith(stack, { rate: 5 * scale, seconds: 3, seed: 1212 });
    const [a] = await stack.database.query<{ id: number; warehouse_id: number; status: string; name: string }>(sql`
      select o.id, a.warehouse_id, o.status, o.name from orders o join allocations a on a.order_id = o.id
      where a.status = 'shipped' order by o.id limit 1`);
    if (!a) throw new Error('no allocated order to aim at');
    const snapshot = async () =>
      JSON.stringify(
        await stack.database.query(sql`select status, updated_at from orders where id = ${a.id}
          union all select status, updated_at from allocations where order_id = ${a.id}`),
      );
    const before = await snapshot();
    const answers: { what: string; status: number; leaked: boolean }[] = [];
    const check = (what: string, r: { status: number; text: string }) =>
      answers.push({ what, status: r.status, leaked: r.text.includes(a.name) });
    check('order', await asOther('GET', `/orders/${a.id}`));
    check('release', await asOther('POST', `/orders/${a.id}/release`, {}));
    check('warehouse', await asOther('GET', `/warehouses/${a.warehouse_id}`));
    const list = await asOther('GET', '/orders');
    const foreignKey = stack.shop.warehouses.find((w) => w.id !== Number(a.warehouse_id))!.key;
    const feed = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${stack.appUrl}/feed/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${foreignKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, text: await res.text() };
    };
    const [alloc] = await stack.database.query<{ id: number }>(
      sql`select id from allocations where order_id = ${a.id} limit 1`,
    );
    check('feed allocation', await feed('GET', `/allocations/${alloc!.id}`));
    check('feed acknowledge', await feed('POST', `/allocations/${alloc!.id}/acknowledge`, { leaseToken: 'x' }));
    check(
      'feed reject',
      await feed('POST', `/allocations/${alloc!.id}/reject`, { reason: 'other', message: 'x', leaseToken: 'x' }),
    );
    const after = await snapshot();
    const wrong = answers.filter((x) => x.status !== 404 || x.leaked);
    return {
      gids,
      criteria: [
        criterion(
          '404 for every foreign id',
          wrong.length === 0,
          answers.map((x) => `${x.what} ${x.status}`).join(', '),
        ),
        criterion('the list shows none of the other shop', !list.text.includes(a.name), `list answered ${list.status}`),
        criterion('nothing changed', before === after, before === after ? 'rows identical' : 'rows changed'),
      ],
    };
  },
};
