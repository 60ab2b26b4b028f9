import {
  jobIds,
  STOCK_ALERTS_WINDOW_MS,
  STOCK_SYNC_WINDOW_MS,
  SHIPMENT_TICK_MS,
  TRACKING_TICK_MS,
  TRACKING_WINDOW_MS,
} from './job-ids.js';
import type { JobPayload } from './payloads.js';
import type { Queues } from './producer.js';

/**
 * Named producers: the one way app code queues work. Each builds its job id with `jobIds` and
 * goes through `queues.enqueue`, so a failure is logged with that id and answered `false`, never
 * thrown and never swallowed: the work is already committed in Postgres, and the sweepers
 * (sweep-inbox, sweep-work) queue it again from there. `at` is the caller's clock, in epoch ms.
 */

export function enqueueInboxEvents(queues: Queues, inboxIds: number[]): Promise<boolean> {
  return queues.enqueueBulk(
    'ingest',
    inboxIds.map((inboxId) => ({ payload: { inboxId }, jobId: jobIds.ingest.event(inboxId) })),
  );
}

/** The inbox sweeper's form: an event whose job failed for good under the same id runs again. */
export function requeueInboxEvents(queues: Queues, inboxIds: number[]): Promise<boolean> {
  return queues.requeueBulk(
    'ingest',
    inboxIds.map((inboxId) => ({ payload: { inboxId }, jobId: jobIds.ingest.event(inboxId) })),
  );
}

/** Dead letters sent back through ingest: a fresh id, since the failed job may still be kept. */
export async function enqueueInboxReplays(queues: Queues, inboxIds: number[], at: number): Promise<boolean> {
  let ok = true;
  for (const inboxId of inboxIds)
    ok = (await queues.enqueue('ingest', { inboxId }, jobIds.ingest.replay(inboxId, at))) && ok;
  return ok;
}

/** Routes (or re-routes) one order; the default id asks for a fresh run. */
export function enqueueRouting(
  queues: Queues,
  payload: JobPayload<'route'>,
  jobId = jobIds.route.request(payload.orderId, payload.reason, Date.now()),
): Promise<boolean> {
  return queues.enqueue('route', payload, jobId);
}

export function enqueueRoutingBulk(queues: Queues, payloads: JobPayload<'route'>[], at: number): Promise<boolean> {
  return queues.enqueueBulk(
    'route',
    payloads.map((payload) => ({ payload, jobId: jobIds.route.request(payload.orderId, payload.reason, at) })),
  );
}

/** Hands one allocation to its 3PL; the id is the allocation's, so a live job is not doubled. */
export function enqueueDispatch(queues: Queues, payload: JobPayload<'dispatch'>): Promise<boolean> {
  return queues.enqueue('dispatch', payload, jobIds.dispatch.allocation(payload.allocationId));
}

export function enqueueDispatchBulk(queues: Queues, payloads: JobPayload<'dispatch'>[]): Promise<boolean> {
  return queues.enqueueBulk(
    'dispatch',
    payloads.map((payload) => ({ payload, jobId: jobIds.dispatch.allocation(payload.allocationId) })),
  );
}

/** The work sweeper's form: an allocation whose dispatch job failed for good under the same id runs again. */
export function requeueDispatchBulk(queues: Queues, payloads: JobPayload<'dispatch'>[]): Promise<boolean> {
  return queues.requeueBulk(
    'dispatch',
    payloads.map((payload) => ({ payload, jobId: jobIds.dispatch.allocation(payload.allocationId) })),
  );
}

/** Allocations revived from dispatch errors: a fresh id, since their failed job may still be kept. */
export async function enqueueDispatchReplays(
  queues: Queues,
  shopId: number,
  allocationIds: number[],
  at: number,
): Promise<boolean> {
  let ok = true;
  for (const allocationId of allocationIds)
    ok = (await queues.enqueue('dispatch', { shopId, allocationId }, jobIds.dispatch.replay(allocationId, at))) && ok;
  return ok;
}

/** Pushes a shipment's tracking to its channel; `jobId` comes from `jobIds.fulfill`. */
export function enqueueFulfill(queues: Queues, payload: JobPayload<'fulfill'>, jobId: string): Promise<boolean> {
  return queues.enqueue('fulfill', payload, jobId);
}

/** When a carrier scan of a shipment arrived, and what it was, to place it in a push window. */
export interface TrackingPushTiming {
  /** epoch ms, read after the scan was committed */
  at: number;
  /** epoch ms the shipment was recorded: windows count from there */
  shipmentCreatedAt: number;
  /** the parcel is delivered (by this scan or before it): its scans are due at once */
  delivered: boolean;
}

/** When a scan recorded at `t.at` is due: when its shipment's window closes, or now once delivered. */
export function scanDueAt(t: TrackingPushTiming): number {
  if (t.delivered) return t.at;
  const since = Math.max(0, t.at - t.shipmentCreatedAt);
  return t.shipmentCreatedAt + (Math.floor(since / TRACKING_WINDOW_MS) + 1) * TRACKING_WINDOW_MS;
}

/**
 * Pushes a shop's carrier scans once due (`dueAt`, epoch ms; `scanDueAt` for a scan recorded
 * at `at`): one job per shop and tick, run when the due instant's tick ends. The scan is
 * committed before this runs, and a tick's job starts only once its tick is over, so the job
 * that a scan queued (or found queued) reads it; a job already running belongs to an earlier
 * tick. A further scan of the tick costs no add in this process.
 */
export function enqueueDueScans(queues: Queues, shopId: number, dueAt: number, at: number): Promise<boolean> {
  const tick = Math.floor(dueAt / TRACKING_TICK_MS);
  const runAt = (tick + 1) * TRACKING_TICK_MS;
  return queues.enqueueWindow('fulfill', { shopId }, jobIds.fulfill.dueScans(shopId, tick), runAt, at);
}

/**
 * Pushes a shop's newly recorded shipments (recorded by `at`, epoch ms, after their commit): one
 * job per shop and tick, run when the tick ends, so it reads every shipment that queued it or
 * found it queued. A further shipment of the tick costs no add in this process.
 */
export function enqueueNewShipments(queues: Queues, shopId: number, at: number): Promise<boolean> {
  const tick = Math.floor(at / SHIPMENT_TICK_MS);
  const runAt = (tick + 1) * SHIPMENT_TICK_MS;
  return queues.enqueueWindow(
    'fulfill',
    { shopId, task: 'new-shipments' },
    jobIds.fulfill.newShipments(shopId, tick),
    runAt,
    at,
  );
}

/**
 * After a transaction that moved stock: wake the channel sync and the alerts recompute for the
 * shop. One job per shop and window, run when the window closes, so a burst of changes is one
 * run; the SKUs to look at wait in `stock_dirty`, written with the change itself, and the
 * sweeper wakes these jobs again for SKUs left there.
 */
export async function enqueueStockJobs(queues: Queues, shopId: number, at = Date.now()): Promise<boolean> {
  const closes = (windowMs: number) => (Math.floor(at / windowMs) + 1) * windowMs;
  const [sync, alerts] = await Promise.all([
    queues.enqueueWindow(
      'inventory-sync',
      { shopId },
      jobIds['inventory-sync'].window(shopId, at),
      closes(STOCK_SYNC_WINDOW_MS),
      at,
    ),
    queues.enqueueWindow('alerts', { shopId }, jobIds.alerts.window(shopId, at), closes(STOCK_ALERTS_WINDOW_MS), at),
  ]);
  return sync && alerts;
}

/** Every SKU of the shop recomputed (`alerts`) after a settings change or on request. */
export function enqueueFullAlerts(queues: Queues, shopId: number, why: string, at: number): Promise<boolean> {
  return queues.enqueue('alerts', { shopId, full: true }, jobIds.alerts.full(shopId, why, at));
}

/** Every channel quantity of the shop pushed again (`inventory-sync`). */
export function enqueueFullInventorySync(queues: Queues, shopId: number, why: string, at: number): Promise<boolean> {
  return queues.enqueue('inventory-sync', { shopId, full: true }, jobIds['inventory-sync'].full(shopId, why, at));
}

/** Runs the queued import `importId` (a row of `imports`); the sweeper re-queues it while it stays queued. */
export function enqueueImport(
  queues: Queues,
  shopId: number,
  importId: number,
  jobId = jobIds.reconcile.import(shopId, importId),
): Promise<boolean> {
  return queues.enqueue('reconcile', { shopId, kind: 'import' }, jobId);
}

/** One order reconciliation pass now, besides the shop's periodic one. */
export function enqueueReconcileOrders(queues: Queues, shopId: number, at: number): Promise<boolean> {
  return queues.enqueue('reconcile', { shopId, kind: 'orders' }, jobIds.reconcile.orders(shopId, at));
}

/** Answers the shop's pending fulfillment and cancellation requests from Shopify. */
export function enqueueFulfillmentRequests(queues: Queues, shopId: number, at: number): Promise<boolean> {
  return queues.enqueue(
    'reconcile',
    { shopId, kind: 'fulfillment-requests' },
    jobIds.reconcile.fulfillmentRequests(shopId, at),
  );
}

/** Syncs a return with Shopify after its state moved; the returns sweeper queues it again if this fails. */
export function enqueueReturnSync(queues: Queues, shopId: number, returnId: number, at: number): Promise<boolean> {
  return queues.enqueue('returns', { shopId, returnId }, jobIds.returns.sync(returnId, at));
}

/** A newly connected marketplace account: a first poll and a full stock push, now. */
export async function enqueueChannelAccountStart(queues: Queues, shopId: number, accountId: number): Promise<boolean> {
  const [poll, stock] = await Promise.all([
    queues.enqueue('channels', { shopId, accountId, task: 'poll' }, jobIds.channels.firstPoll(accountId)),
    queues.enqueue(
      'channels',
      { shopId, accountId, task: 'push-stock', full: true },
      jobIds.channels.firstStockPush(accountId),
    ),
  ]);
  return poll && stock;
}

/** The rest of a poll the operator's call spacing cut short, after `delayMs`. */
export function enqueuePollContinuation(
  queues: Queues,
  shopId: number,
  accountId: number,
  delayMs: number,
  at: number,
): Promise<boolean> {
  return queues.enqueue(
    'channels',
    { shopId, accountId, task: 'poll' },
    jobIds.channels.pollContinuation(accountId, at),
    { delay: delayMs },
  );
}

/** One marketplace stock push per account and window, run `delayMs` from now (when the window ends). */
export function enqueueChannelStockPush(
  queues: Queues,
  payload: { shopId: number; accountId: number; changedAt: number; full?: boolean },
  bucket: number,
  delayMs: number,
): Promise<boolean> {
  return queues.enqueue(
    'channels',
    { ...payload, task: 'push-stock' },
    jobIds.channels.stockPush(payload.accountId, payload.full === true, bucket),
    { delay: delayMs },
  );
}

/** The outbox row counts attempts and parks; the job only needs to outlast it. */
const emailJobOptions = { attempts: 100 };

/** One `email` job per outbox row; `resend` names a fresh run of a message already sent. */
export function enqueueEmails(
  queues: Queues,
  rows: { id: number; shopId: number }[],
  opts: { resend?: string } = {},
): Promise<boolean> {
  const resend = opts.resend;
  return queues.enqueueBulk(
    'email',
    rows.map((r) => ({
      payload: { shopId: r.shopId, outboxId: r.id },
      jobId: resend ? jobIds.email.resend(r.id, resend) : jobIds.email.message(r.id),
    })),
    emailJobOptions,
  );
}

/** The outbox sweeper's form: a fresh id per minute. */
export function requeueStalledEmails(
  queues: Queues,
  rows: { id: number; shopId: number }[],
  at: number,
): Promise<boolean> {
  return queues.enqueueBulk(
    'email',
    rows.map((r) => ({ payload: { shopId: r.shopId, outboxId: r.id }, jobId: jobIds.email.sweep(r.id, at) })),
    emailJobOptions,
  );
}

/** The first import of a shop just installed. */
export function enqueueInstallImport(queues: Queues, shopId: number, at: number): Promise<boolean> {
  return queues.enqueue('reconcile', { shopId, kind: 'import' }, jobIds.reconcile.install(shopId, at));
}

/**
 * A merchant's import or reconciliation request, joined to the one still waiting or running
 * (BullMQ deduplication keeps the key until that job completes or fails). Throws when Redis
 * refuses: the merchant asked and must hear that nothing was queued.
 */
export async function requestReconcile(
  queues: Queues,
  shopId: number,
  kind: 'import' | 'orders',
  at: number,
): Promise<{ coalesced: boolean }> {
  const jobId = jobIds.reconcile.request(shopId, kind, at);
  const job = await queues.add(
    'reconcile',
    { shopId, kind },
    { jobId, deduplication: { id: jobIds.reconcile.requestKey(shopId, kind) } },
  );
  return { coalesced: job.id !== jobId };
}

/**
 * A merchant's "try on past orders", run by the `simulate` worker; answers the job id the admin
 * polls. Tried once (a failed replay is shown, not retried) and kept an hour for its result.
 * Throws when Redis refuses: the merchant asked and must hear that nothing was queued.
 */
export async function requestRuleSimulation(
  queues: Queues,
  payload: JobPayload<'simulate'>,
  nonce: string,
): Promise<string> {
  const jobId = jobIds.simulate.request(payload.shopId, nonce);
  await queues.add('simulate', payload, {
    jobId,
    attempts: 1,
    removeOnComplete: { age: 3600 },
    removeOnFail: { age: 3600 },
  });
  return jobId;
}
