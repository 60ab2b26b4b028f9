import { sql } from 'drizzle-orm';
import { SHOP } from '../../../bench/e2e/flash-shop.js';
import { createShopsRepo } from '../../../core/db/shops-repo.js';
import { RateLimitedError } from '../../../core/errors.js';
import { reconcileOrders } from '../../../core/use-cases/reconcile-orders.js';
import type { Stack } from './stack.js';

/** One pass criterion of a fault, as the table prints it. */
export interface Criterion {
  name: string;
  passed: boolean;
  detail: string;
}

/** The global criteria for the orders of one fault's batch (the doc's "global pass criteria"). */
export interface Verdict {
  lost: number;
  duplicates: number;
  oversold: number;
  criteria: Criterion[];
}

const LIVE = `('reserved','ready','leased','acknowledged','partially_shipped','cancel_requested')`;
const gidArray = (gids: string[]) => `{${gids.join(',')}}`;

/**
 * Orders of the batch the app has not brought to a resting state: not stored, or stored with
 * units that are neither handed to a warehouse, backordered nor cancelled. A cancelled order
 * rests once no live allocation is left.
 */
export async function unsettledOrders(stack: Stack, gids: string[]): Promise<string[]> {
  const rows = await stack.database.query<{ external_id: string }>(sql`
    select g.gid as external_id from unnest(${gidArray(gids)}::text[]) as g(gid)
    left join orders o on o.external_id = g.gid
    where o.id is null
       or (o.status = 'cancelled' and exists (select 1 from allocations a where a.order_id = o.id and a.status in ('reserved','ready','leased')))
       or (o.status not in ('cancelled','backordered','shipped','partially_shipped','delivered','fulfilled_elsewhere')
           and not exists (select 1 from allocations a where a.order_id = o.id and a.status not in ('reserved','cancelled','rejected')))`);
  return rows.map((r) => r.external_id);
}

/** Waits until every order of the batch rests, or the time is up; answers those that do not. */
export async function settle(stack: Stack, gids: string[], timeoutMs: number): Promise<string[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const open = await unsettledOrders(stack, gids);
    if (open.length === 0 || Date.now() > end) return open;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function count(stack: Stack, query: ReturnType<typeof sql>): Promise<number> {
  const [r] = await stack.database.query<{ n: number }>(query);
  return Number(r?.n ?? 0);
}

/** Units the app gave away beyond an order line, across live and shipped allocations. */
const overAllocated = (stack: Stack) =>
  count(
    stack,
    sql`select count(*)::int as n from order_lines l
      where (select coalesce(sum(al.quantity), 0) from allocation_lines al join allocations a on a.id = al.allocation_id
             where al.order_line_id = l.id and a.status not in ('cancelled', 'rejected')) > l.current_quantity`,
  );

/** Shopify fulfillments beyond a line's quantity: a tracking push or a shipment recorded twice. */
function overFulfilled(stack: Stack, gids: string[]): number {
  let n = 0;
  for (const gid of gids) {
    const o = stack.sim.control.getOrder(SHOP, gid);
    const done = new Map<number, number>();
    for (const f of o.fulfillments.filter((f) => f.status !== 'CANCELLED'))
      for (const l of f.lineItems) done.set(l.lineItemId, (done.get(l.lineItemId) ?? 0) + l.quantity);
    for (const l of o.lineItems) if ((done.get(l.id) ?? 0) > l.quantity) n++;
  }
  return n;
}

/** Units a warehouse was asked to ship beyond its count: refused by the robot, or shipped past it. */
async function oversold(stack: Stack): Promise<number> {
  const refused = stack.shop.robots.reduce((s, r) => s + (r.stats().rejectedFor['out_of_stock'] ?? 0), 0);
  const shipped = await stack.database.query<{ code: string; sku: string; n: number }>(sql`
    select w.code, s.sku, -sum(m.delta)::int as n from inventory_movements m
    join warehouses w on w.id = m.warehouse_id join skus s on s.id = m.sku_id
    where m.reason = 'shipped' group by 1, 2`);
  const past = shipped.filter((r) => Number(r.n) > (stack.opening[r.code]?.[r.sku] ?? 0)).length;
  return refused + past;
}

/** On hand is the sum of the ledger; reserved is what live allocations still hold. */
async function ledgerDrift(stack: Stack): Promise<{ onHand: number; reserved: number }> {
  const onHand = await count(
    stack,
    sql`select count(*)::int as n from stock_levels sl where sl.on_hand <> coalesce((select sum(m.delta) from inventory_movements m
        where m.warehouse_id = sl.warehouse_id and m.sku_id = sl.sku_id), 0)`,
  );
  const reserved = await count(
    stack,
    sql.raw(`select count(*)::int as n from stock_levels sl where sl.reserved <> coalesce((
        select sum(al.quantity - al.shipped_quantity) from allocation_lines al join allocations a on a.id = al.allocation_id
        where a.warehouse_id = sl.warehouse_id and al.sku_id = sl.sku_id and a.status in ${LIVE}), 0)`),
  );
  return { onHand, reserved };
}

/**
 * Drift between Shopify's truth and our orders (cancellation, payment, line quantities), then a
 * reconciliation run: an order it had to insert is one the webhooks lost.
 */
async function reconciliationDrift(
  stack: Stack,
  gids: string[],
): Promise<{ mismatched: number; inserted: number; example: string }> {
  const ours = await stack.database.query<{
    external_id: string;
    cancelled: boolean;
    financial_status: string | null;
    lines: Record<string, number> | null;
  }>(sql`
    select o.external_id, o.cancelled_at is not null as cancelled, o.financial_status,
      (select jsonb_object_agg(l.external_id, l.current_quantity) from order_lines l where l.order_id = o.id) as lines
    from orders o where o.external_id = any(${gidArray(gids)}::text[])`);
  const byGid = new Map(ours.map((o) => [o.external_id, o]));
  let mismatched = 0;
  let example = '';
  for (const gid of gids) {
    const truth = stack.sim.control.getOrder(SHOP, gid);
    const o = byGid.get(gid);
    const same =
      o !== undefined &&
      o.cancelled === (truth.cancelledAt !== null) &&
      o.financial_status?.toUpperCase() === truth.financialStatus.toUpperCase() &&
      truth.lineItems.every((l) => o.lines?.[l.gid] === l.currentQuantity);
    if (!same) {
      mismatched++;
      example ||= `${gid}: ours ${JSON.stringify(o ?? null)}, Shopify cancelled ${truth.cancelledAt !== null}, ${truth.financialStatus}, ${JSON.stringify(truth.lineItems.map((l) => [l.gid, l.currentQuantity]))}`;
    }
  }
  const shop = await createShopsRepo(stack.ctx.db).byDomain(SHOP);
  if (!shop) throw new Error(`${SHOP} is not installed`);
  const run = await reconcileWhenShopifyLets(stack, shop.id);
  if (!('runId' in run)) throw new Error(`reconciliation skipped: ${run.skipped}`);
  const inserted = await count(
    stack,
    sql`select count(*)::int as n from audit_log where action = 'reconciled'
        and data->>'runId' = ${String(run.runId)} and data->>'outcome' = 'inserted'`,
  );
  return { mismatched, inserted, example };
}

/** The global pass criteria over a fault's batch, after it settled. */
export async function globalVerdict(stack: Stack, gids: string[], stranded: string[]): Promise<Verdict> {
  const stored = await count(
    stack,
    sql`select count(*)::int as n from orders where external_id = any(${gidArray(gids)}::text[])`,
  );
  const duplicateOrders = stored - new Set(gids).size;
  const over = await overAllocated(stack);
  const fulfilled = overFulfilled(stack, gids);
  const sold = await oversold(stack);
  const ledger = await ledgerDrift(stack);
  const drift = await reconciliationDrift(stack, gids);
  const duplicates = Math.max(0, duplicateOrders) + over + fulfilled;
  const criteria: Criterion[] = [
    {
      name: 'no order lost or stranded',
      passed: stranded.length === 0,
      detail: `${stranded.length} of ${gids.length}`,
    },
    {
      name: 'no double dispatch',
      passed: duplicates === 0,
      detail: `${over} lines over-allocated, ${fulfilled} over-fulfilled at Shopify, ${Math.max(0, duplicateOrders)} orders stored twice`,
    },
    { name: 'no oversell', passed: sold === 0, detail: `${sold} refused or shipped past the count` },
    {
      name: 'stock ledger conserved',
      passed: ledger.onHand === 0 && ledger.reserved === 0,
      detail: `${ledger.onHand} on-hand and ${ledger.reserved} reserved mismatches`,
    },
    {
      name: 'reconciliation finds no drift',
      passed: drift.mismatched === 0 && drift.inserted === 0,
      detail: `${drift.mismatched} orders differ from Shopify${drift.example ? ` (${drift.example})` : ''}, ${drift.inserted} inserted by reconciliation`,
    },
  ];
  return { lost: stranded.length, duplicates, oversold: sold, criteria };
}

/**
 * The reconciliation a drift check runs, as its job would: a fault that ends with Shopify's bucket
 * drained (a burst just replayed) answers "throttled, come back later", which the job waits out and
 * so does the check, a minute at most, instead of calling the fault failed.
 */
async function reconcileWhenShopifyLets(stack: Stack, shopId: number) {
  const deps = { db: stack.ctx.db, shopify: stack.ctx.shopify, queues: stack.ctx.queues, log: stack.ctx.log };
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      return await reconcileOrders(deps, { shopId });
    } catch (e) {
      if (!(e instanceof RateLimitedError) || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, Math.max(500, e.retryAfterMs)));
    }
  }
}
