/**
 * Every BullMQ job id the app uses, one builder per queue and purpose. An id built only from
 * durable keys makes a re-enqueue of the same work one job, not two; an id that carries an
 * instant (`at`, epoch milliseconds) asks for a fresh run, for work that is meant to happen
 * again or whose earlier job may still be kept as failed. Idempotency itself lives in Postgres:
 * these ids only save duplicate runs.
 */
/**
 * How long a shipment's carrier scans are gathered into one push, counted from the shipment's
 * creation: in transit and out for delivery reach Shopify within a minute, the scans of that
 * minute in one event; delivered ends the window at once.
 */
export const TRACKING_WINDOW_MS = 60_000;
/**
 * The scans due of a shop are pushed by one job per tick (jobIds.fulfill.dueScans), run when the
 * tick ends: a flash sale's parcels share the job, delivered waits a tick at most.
 */
export const TRACKING_TICK_MS = 1000;
/**
 * A shop's newly recorded shipments are pushed to their channels by one job per tick
 * (jobIds.fulfill.newShipments): a 3PL's wave of parcels is one job, its Shopify calls sharing
 * requests, not a job each, for a wait well inside the seconds a shipment may take to reach Shopify.
 */
export const SHIPMENT_TICK_MS = 250;
/** How long stock changes of a shop are gathered before the channel sync, and the alerts, run. */
export const STOCK_SYNC_WINDOW_MS = 1000;
export const STOCK_ALERTS_WINDOW_MS = 2000;

export const jobIds = {
  ingest: {
    event: (inboxId: number) => `inbox-${inboxId}`,
    /** a batch of mirror-only events is named by its first event: each event is in one batch only */
    batch: (firstInboxId: number) => `inbox-batch-${firstInboxId}`,
    replay: (inboxId: number, at: number) => `inbox-${inboxId}-replay-${at}`,
  },
  route: {
    /** one routing per stored version of the order */
    orderVersion: (orderId: number, updatedAt: Date, observedAt: Date) =>
      `route-${orderId}-${updatedAt.getTime()}-${observedAt.getTime()}`,
    cancel: (orderId: number) => `route-${orderId}-cancel`,
    request: (orderId: number, reason: string, at: number) => `route-${orderId}-${reason}-${at}`,
  },
  dispatch: {
    allocation: (allocationId: number) => `alloc-${allocationId}`,
    replay: (allocationId: number, at: number) => `alloc-${allocationId}-replay-${at}`,
  },
  fulfill: {
    /** a shipment whose push failed in its shop's run, tried again alone; a fresh id per minute, like the sweeper's */
    retryAlone: (shipmentId: number, at: number) => `shipment-${shipmentId}-retry-${Math.floor(at / 60_000)}`,
    /** a fresh id per minute: an earlier push job of the shipment may have failed for good and still be kept */
    sweep: (shipmentId: number, at: number) => `shipment-${shipmentId}-sweep-${Math.floor(at / 60_000)}`,
    /** a merchant's replay of a push that failed for good: a fresh id, the failed job may still be kept */
    replay: (shipmentId: number, at: number) => `shipment-${shipmentId}-replay-${at}`,
    /** the shop's scans due by the end of tick `tick` (epoch ms / TRACKING_TICK_MS) */
    dueScans: (shopId: number, tick: number) => `scans-${shopId}-${tick}`,
    /** the shop's shipments recorded by the end of tick `tick` (epoch ms / SHIPMENT_TICK_MS) */
    newShipments: (shopId: number, tick: number) => `ships-${shopId}-${tick}`,
    /** the sweeper's, a fresh id per minute: the tick's job may have failed for good and still be kept */
    dueScansSweep: (shopId: number, at: number) => `scans-${shopId}-sweep-${Math.floor(at / 60_000)}`,
    trackingChange: (shipmentId: number, at: number) => `tracking-change-${shipmentId}-${at}`,
  },
  'inventory-sync': {
    /** one job per shop and window: a burst of stock changes is coalesced */
    window: (shopId: number, at: number) => `invsync-${shopId}-${Math.floor(at / STOCK_SYNC_WINDOW_MS)}`,
    full: (shopId: number, why: string, at: number) => `invsync-${shopId}-${why}-${at}`,
    nightlyScheduler: (shopId: number) => `fullsync-${shopId}`,
  },
  alerts: {
    /** one job per shop and window */
    window: (shopId: number, at: number) => `alerts-${shopId}-${Math.floor(at / STOCK_ALERTS_WINDOW_MS)}`,
    full: (shopId: number, why: string, at: number) => `alerts-${shopId}-${why}-${at}`,
    nightlyScheduler: (shopId: number) => `nightly-${shopId}`,
  },
  reconcile: {
    import: (shopId: number, importId: number) => `import-${shopId}-${importId}`,
    /** the first import of a newly installed shop */
    install: (shopId: number, at: number) => `import-${shopId}-${at}`,
    /** a merchant's request; `deduplication` (by `requestKey`) joins a repeat to the job still waiting or running */
    request: (shopId: number, kind: 'import' | 'orders', at: number) =>
      `${kind === 'import' ? 'import' : 'reconcile'}-${shopId}-${at}`,
    requestKey: (shopId: number, kind: 'import' | 'orders') =>
      `${kind === 'import' ? 'import' : 'reconcile'}-${shopId}`,
    importSweep: (shopId: number, importId: number, at: number) =>
      `import-${shopId}-${importId}-sweep-${Math.floor(at / 60_000)}`,
    orders: (shopId: number, at: number) => `reconcile-${shopId}-${at}`,
    ordersScheduler: (shopId: number) => `reconcile-${shopId}`,
    /** the daily catalogue reconciliation of a shop (under the prefix: removed when the shop goes) */
    catalogScheduler: (shopId: number) => `reconcile-catalog-${shopId}`,
    fulfillmentRequests: (shopId: number, at: number) => `fs-${shopId}-${at}`,
  },
  returns: {
    /** a fresh run per request: the return's state moved and Shopify must follow */
    sync: (returnId: number, at: number) => `return-${returnId}-${at}`,
    /** one sync per return and minute: a failed sync job may still be kept under the previous id */
    sweep: (returnId: number, at: number) => `return-${returnId}-sweep-${Math.floor(at / 60_000)}`,
  },
  channels: {
    /** the first poll and full stock push of a newly connected account */
    firstPoll: (accountId: number) => `chpoll-${accountId}-first`,
    firstStockPush: (accountId: number) => `chstock-${accountId}-first`,
    /** a poll cut short by the operator's call spacing, finished when it allows */
    pollContinuation: (accountId: number, at: number) => `chpoll-${accountId}-cont-${at}`,
    /** one stock push per account and coalescing window (`bucket` counts windows since the epoch) */
    stockPush: (accountId: number, full: boolean, bucket: number) =>
      `chstock-${accountId}-${full ? 'full-' : ''}${bucket}`,
  },
  email: {
    message: (outboxId: number) => `email-${outboxId}`,
    /** a message sent again needs an id of its own: its first job is still kept as done */
    resend: (outboxId: number, suffix: string) => `email-${outboxId}-${suffix}`,
    /** a fresh id per minute: the message's first job may still be kept as failed */
    sweep: (outboxId: number, at: number) => `email-${outboxId}-sweep-${Math.floor(at / 60_000)}`,
  },
  simulate: {
    /** one job per request; `nonce` is random, so the id, handed to the merchant, cannot be guessed */
    request: (shopId: number, nonce: string) => `simulate-${shopId}-${nonce}`,
  },
  maintenance: {
    scheduler: (task: 'sweep' | 'schedule-reconcile' | 'detect-delays' | 'stock-digest') => task,
  },
} as const;

/** Scheduler keys of per-shop order reconciliation start with this. */
export const reconcileSchedulerPrefix = 'reconcile-';
