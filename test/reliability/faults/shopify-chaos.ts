import { createHmac, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { SHOP } from '../../../bench/e2e/flash-shop.js';
import { burstWith, criterion, sleep, type Fault } from '../harness/fault.js';
import { API_SECRET, type Stack } from '../harness/stack.js';

/** Posts a body to the webhook intake as Shopify would, signed with the app's secret. */
export async function postWebhook(
  stack: Stack,
  opts: { topic: string; body: string; path?: string; signature?: string | null; shop?: string },
): Promise<number> {
  const id = randomUUID();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-shopify-topic': opts.topic,
    'x-shopify-shop-domain': opts.shop ?? SHOP,
    'x-shopify-webhook-id': id,
    'x-shopify-event-id': id,
    'x-shopify-api-version': '2026-07',
    'x-shopify-triggered-at': new Date().toISOString(),
  };
  const signature =
    opts.signature === undefined
      ? createHmac('sha256', API_SECRET).update(opts.body, 'utf8').digest('base64')
      : opts.signature;
  if (signature !== null) headers['x-shopify-hmac-sha256'] = signature;
  const res = await fetch(`${stack.appUrl}${opts.path ?? '/webhooks'}`, { method: 'POST', headers, body: opts.body });
  await res.arrayBuffer();
  return res.status;
}

export const shopifyThrottled: Fault = {
  id: 'F7',
  title: 'Shopify THROTTLED, rate halved mid-run',
  short: false,
  async run(stack, scale) {
    const before = stack.sim.control.getShop(SHOP).throttle;
    const from = stack.sim.requestLog({ shop: SHOP }).length;
    const gids = await burstWith(stack, { rate: 10 * scale, seconds: 6, seed: 707, atMs: 1000 }, async () => {
      stack.sim.control.setThrottle(SHOP, { restoreRate: before.restoreRate / 2, currentlyAvailable: 0 });
      await sleep(3000);
      stack.sim.control.setThrottle(SHOP, { currentlyAvailable: 0 });
    });
    const log = stack.sim.requestLog({ shop: SHOP }).slice(from);
    const throttled = log.filter((r) => r.outcome === 'throttled').length;
    // every shipment of the batch must reach Shopify: none left pending or failed
    let unpushed = 0;
    for (let i = 0; i < 120; i++) {
      const [r] = await stack.database.query<{ n: number }>(sql`
        select count(*)::int as n from shipments s join allocations a on a.id = s.allocation_id join orders o on o.id = a.order_id
        where o.external_id = any(${`{${gids.join(',')}}`}::text[]) and s.push_status <> 'pushed'`);
      unpushed = Number(r?.n ?? 0);
      if (unpushed === 0) break;
      await sleep(1000);
    }
    stack.sim.control.setThrottle(SHOP, { restoreRate: before.restoreRate });
    return {
      gids,
      criteria: [
        criterion('Shopify throttled the app', throttled > 0, `${throttled} of ${log.length} calls throttled`),
        criterion('no tracking push lost', unpushed === 0, `${unpushed} shipments not pushed`),
      ],
    };
  },
};

export const duplicateWebhooks: Fault = {
  id: 'F8',
  title: 'duplicate webhooks, and replays with a fresh event id',
  short: false,
  async run(stack, scale) {
    stack.sim.control.setChaos({ duplicateRate: 0.5 });
    const from = stack.sim.webhookLog({ shop: SHOP, topic: 'orders/create' }).length;
    let gids: string[];
    try {
      gids = await burstWith(stack, { rate: 10 * scale, seconds: 3, seed: 808 });
    } finally {
      stack.sim.control.setChaos({ duplicateRate: 0 });
    }
    await stack.sim.waitForIdleWebhooks(60_000);
    const creates = stack.sim.webhookLog({ shop: SHOP, topic: 'orders/create' }).slice(from);
    // the same bodies again under new event ids: only the body can tell they are repeats
    const replayed = creates.filter((d) => !d.duplicateOf).slice(0, 10);
    for (const d of replayed) stack.sim.control.replayWebhook(d.id);
    await stack.sim.waitForIdleWebhooks(60_000);
    const duplicated = creates.filter((d) => d.duplicateOf).length;
    return {
      gids,
      criteria: [
        criterion(
          'duplicates and fresh-id replays were delivered',
          duplicated > 0 && replayed.length > 0,
          `${duplicated} duplicates, ${replayed.length} replays`,
        ),
      ],
    };
  },
};

export const reorderedAndStale: Fault = {
  id: 'F9',
  title: 'out-of-order and 4-hour-stale webhooks; cancel before paid',
  short: false,
  async run(stack, scale) {
    stack.sim.control.setChaos({ reorderRate: 0.5 });
    const unpaid: string[] = [];
    let gids: string[];
    try {
      gids = await burstWith(stack, { rate: 5 * scale, seconds: 4, seed: 909, atMs: 500 }, async () => {
        for (let i = 0; i < 6; i++) {
          const o = stack.sim.control.placeOrder(SHOP, {
            lines: [{ sku: 'CHAUSSETTE-01', quantity: 1 }],
            financialStatus: 'pending',
            shippingAddress: { address1: '1 rue A', city: 'Paris', zip: '75002', countryCode: 'FR' },
          });
          unpaid.push(o.gid);
        }
        await sleep(300);
        for (const gid of unpaid.slice(0, 3)) stack.sim.control.cancelOrder(SHOP, gid);
        for (const gid of unpaid.slice(3)) stack.sim.control.markOrderPaid(SHOP, gid);
      });
    } finally {
      stack.sim.control.setChaos({ reorderRate: 0 });
    }
    await stack.sim.waitForIdleWebhooks(60_000);
    // a copy of each cancelled order's first version, four hours older, arriving last
    let staleAnswers = 0;
    for (const gid of unpaid.slice(0, 3)) {
      const first = stack.sim.webhookLog({ shop: SHOP, topic: 'orders/create' }).find((d) => d.body.includes(gid));
      if (!first) continue;
      const body = JSON.parse(first.body) as Record<string, unknown>;
      body.updated_at = new Date(Date.now() - 4 * 3600_000).toISOString();
      body.cancelled_at = null;
      if ((await postWebhook(stack, { topic: 'orders/updated', body: JSON.stringify(body) })) === 200) staleAnswers++;
    }
    await sleep(3000);
    const [dispatched] = await stack.database.query<{ n: number }>(sql`
      select count(*)::int as n from allocations a join orders o on o.id = a.order_id
      where o.external_id = any(${`{${unpaid.slice(0, 3).join(',')}}`}::text[]) and a.dispatched_at is not null`);
    const [notCancelled] = await stack.database.query<{ n: number }>(sql`
      select count(*)::int as n from orders where external_id = any(${`{${unpaid.slice(0, 3).join(',')}}`}::text[])
      and status <> 'cancelled'`);
    return {
      gids: [...gids, ...unpaid],
      criteria: [
        criterion('stale versions were acknowledged', staleAnswers === 3, `${staleAnswers} of 3 answered 200`),
        criterion(
          'a cancelled order stays cancelled and is never dispatched',
          Number(dispatched?.n) === 0 && Number(notCancelled?.n) === 0,
          `${Number(dispatched?.n)} dispatched, ${Number(notCancelled?.n)} not cancelled`,
        ),
      ],
    };
  },
};
