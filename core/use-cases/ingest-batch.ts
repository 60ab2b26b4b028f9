import { gatherAudit, writeGatheredAudit } from '../db/audit-repo.js';
import { createInboxRepo } from '../db/inbox-repo.js';
import { errorSummary } from '../error-summary.js';
import { createShopsRepo, type Shop } from '../db/shops-repo.js';
import { findUnstorableText, jsonMayHoldUnstorable } from '../contracts/storable-text.js';
import { parseJsonKeepingBigInts } from '../integrations/shopify/safe-json.js';
import type { InboxEvent } from '../db/inbox-repo.js';
import { ingestEvent, type IngestDeps } from './ingest-event.js';
import { ingestFulfillmentOrderEvents, ingestFulfillments } from './ingest/fulfillment.js';
import { ingestInventoryLevels } from './ingest/inventory.js';
import { ingestOrderVersions } from './ingest/orders.js';
import { topicHandlers } from './ingest/topics.js';
import { runFollowUps } from './ingest/run-follow-ups.js';
import type { FollowUp } from './ingest/types.js';
import { isMirrorTopic } from '../integrations/shopify/mirror-topics.js';

export interface IngestBatchResult {
  applied: number;
  /** events applied one by one instead (bad body, unknown shop, or the batch failed) */
  single: number;
}

/** Order versions (orders/*) join a batch's transaction; their routing runs start after it. */
const ORDER_TOPICS = new Set(['orders/create', 'orders/updated', 'orders/paid', 'orders/cancelled']);
const batchable = (topic: string) => isMirrorTopic(topic) || ORDER_TOPICS.has(topic);
/** Topics a batch applies in one statement for all its events of the topic. */
const ONE_STATEMENT = (topic: string) =>
  topic === 'inventory_levels/update' || topic.startsWith('fulfillment_orders/') || topic.startsWith('fulfillments/');

/**
 * Applies a batch of inbox events, read in one statement: mirror-only events and order versions
 * (gathered by the ingest producer in a flash sale) in one transaction per shop, with one update
 * that marks them processed and their follow-up work started after the commit. The frequent
 * topics cost one statement per batch, not per event: inventory levels, fulfillment orders,
 * Shopify's fulfillments (their timeline entries gathered with the rest), and the order versions'
 * locks; each order is written once whatever the number of its versions. Anything else,
 * and anything the batch cannot take as it is, goes through `ingestEvent` one by one, in the
 * order they came, which parks poison as a dead letter with its reason; a batch whose
 * transaction fails is retried event by event, so one bad row never holds the others back.
 */
export async function ingestBatch(
  deps: IngestDeps,
  input: { inboxIds: number[]; finalAttempt: boolean },
): Promise<IngestBatchResult> {
  const events = await createInboxRepo(deps.db).getPending(input.inboxIds);
  const single: InboxEvent[] = [];
  const byShop = new Map<string, { event: InboxEvent; payload: unknown }[]>();
  for (const event of events) {
    const payload = parsed(event);
    if (payload === undefined || !batchable(event.topic)) {
      single.push(event);
      continue;
    }
    const list = byShop.get(event.shopDomain) ?? [];
    list.push({ event, payload });
    byShop.set(event.shopDomain, list);
  }

  let applied = 0;
  for (const [domain, list] of byShop) {
    // every batch takes its rows' locks in the same order, so two batches never deadlock
    list.sort((a, b) => lockOrder(a).localeCompare(lockOrder(b)));
    try {
      const shop: Shop | undefined = await createShopsRepo(deps.db).byDomain(domain);
      const followUps: FollowUp[] = [];
      const taken = await deps.db.transaction(async (tx) => {
        // an unknown shop's events go alone, to be parked with that reason
        if (!shop) return undefined;
        const taken = new Set(
          await createInboxRepo(tx).claimProcessed(
            list.map((l) => l.event.id),
            shop.id,
          ),
        );
        const ctx = { email: deps.email ?? { appUrl: undefined, appCanSend: false } };
        const mine = list.filter((l) => taken.has(Number(l.event.id)));
        gatherAudit(tx);
        // the most frequent topics go in one statement each; the others through their handlers
        const of = (pick: (topic: string) => boolean) => mine.filter((l) => pick(l.event.topic));
        await ingestInventoryLevels(
          tx,
          shop,
          of((t) => t === 'inventory_levels/update').map((l) => l.payload),
        );
        await ingestFulfillmentOrderEvents(
          tx,
          shop,
          of((t) => t.startsWith('fulfillment_orders/')),
        );
        await ingestFulfillments(
          tx,
          shop,
          of((t) => t.startsWith('fulfillments/')),
        );
        for (const { event, payload } of of((t) => !ONE_STATEMENT(t) && !ORDER_TOPICS.has(t)))
          followUps.push(...((await topicHandlers[event.topic]!(tx, shop, payload, event, ctx)).followUps ?? []));
        // order versions come last, as their lock order puts them: fulfillments above read the orders held before
        for (const r of await ingestOrderVersions(
          tx,
          shop,
          of((t) => ORDER_TOPICS.has(t)),
        ))
          followUps.push(...(r.followUps ?? []));
        await writeGatheredAudit(tx);
        return taken.size;
      });
      if (taken === undefined) single.push(...list.map((l) => l.event));
      else applied += taken;
      await runFollowUps(deps, followUps);
    } catch (err) {
      deps.log.warn(
        { inboxIds: list.map((l) => l.event.id), err: errorSummary(err) },
        'ingest batch failed; its events are applied one by one',
      );
      single.push(...list.map((l) => l.event));
    }
  }

  let failure: unknown;
  for (const event of single) {
    try {
      await ingestEvent(deps, { inboxId: Number(event.id), loaded: event, finalAttempt: input.finalAttempt });
    } catch (err) {
      failure ??= err;
    }
  }
  // a retriable failure retries the job; events already applied are skipped then by their status
  if (failure) throw failure;
  return { applied, single: single.length };
}

function parsed(event: InboxEvent): unknown {
  try {
    const payload = parseJsonKeepingBigInts(event.body);
    return jsonMayHoldUnstorable(event.body) && findUnstorableText(payload) ? undefined : payload;
  } catch {
    // the single path parses it again and parks it as poison, with the parser's message
    return undefined;
  }
}

/** The row an event writes, as a sortable key: its topic, then the ids that name the row. */
function lockOrder({ event, payload }: { event: InboxEvent; payload: unknown }): string {
  const p = (payload ?? {}) as Record<string, unknown>;
  const fo = (p.fulfillment_order ?? p.original_fulfillment_order) as { id?: unknown } | undefined;
  const id = p.inventory_item_id ?? fo?.id ?? p.order_id ?? p.id ?? '';
  // an order's versions, whatever their topic, lock the same order: they sort by order, then as they came
  const group = ORDER_TOPICS.has(event.topic) ? 'orders' : event.topic;
  return `${group}|${String(id).padStart(24, '0')}|${String(p.location_id ?? '').padStart(24, '0')}|${String(event.id).padStart(20, '0')}`;
}
