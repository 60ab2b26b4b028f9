/**
 * Every BullMQ job id the app uses, one builder per queue and purpose. An id built only from
 * durable keys makes a re-enqueue of the same work one job, not two; an id that carries an
 * instant (`at`, epoch milliseconds) asks for a fresh run, for work that is meant to happen
 * again or whose earlier job may still be kept as failed. Idempotency itself lives in Postgres:
 * these ids only save duplicate runs.
 */
export const jobIds = {
  ingest: {
    event: (inboxId: number) => `inbox-${inboxId}`,
    replay: (inboxId: number, at: number) => `inbox-${inboxId}-replay-${at}`,
  },
  route: {
    /** one routing per stored version of the order */
    orderVersion: (orderId: number, updatedAt: Date, observedAt: Date) => `route-${orderId}-${updatedAt.getTime()}-${observedAt.getTime()}`,
    cancel: (orderId: number) => `route-${orderId}-cancel`,
    request: (orderId: number, reason: string, at: number) => `route-${orderId}-${reason}-${at}`,
  },
  dispatch: {
    allocation: (allocationId: number) => `alloc-${allocationId}`,
    replay: (allocationId: number, at: number) => `alloc-${allocationId}-replay-${at}`,
  },
  fulfill: {
    shipment: (shipmentId: number) => `shipment-${shipmentId}`,
    /** a fresh id per minute: the first push job of a shipment may have failed for good and still be kept */
    sweep: (shipmentId: number, at: number) => `shipment-${shipmentId}-sweep-${Math.floor(at / 60_000)}`,
    /** a merchant's replay of a push that failed for good: a fresh id, the failed job may still be kept */
    replay: (shipmentId: number, at: number) => `shipment-${shipmentId}-replay-${at}`,
    trackingEvent: (eventId: number) => `tracking-${eventId}`,
    trackingChange: (shipmentId: number, at: number) => `tracking-change-${shipmentId}-${at}`,
  },
  'inventory-sync': {
    /** one job per shop per second: a burst of stock changes is coalesced */
    window: (shopId: number, at: number) => `invsync-${shopId}-${Math.floor(at / 1000)}`,
    full: (shopId: number, why: string, at: number) => `invsync-${shopId}-${why}-${at}`,
    nightlyScheduler: (shopId: number) => `fullsync-${shopId}`,
  },
  alerts: {
    /** one job per shop per five seconds */
    window: (shopId: number, at: number) => `alerts-${shopId}-${Math.floor(at / 5000)}`,
    full: (shopId: number, why: string, at: number) => `alerts-${shopId}-${why}-${at}`,
    nightlyScheduler: (shopId: number) => `nightly-${shopId}`,
  },
  reconcile: {
    import: (shopId: number, importId: number) => `import-${shopId}-${importId}`,
    importSweep: (shopId: number, importId: number, at: number) => `import-${shopId}-${importId}-sweep-${Math.floor(at / 60_000)}`,
    orders: (shopId: number, at: number) => `reconcile-${shopId}-${at}`,
    ordersScheduler: (shopId: number) => `reconcile-${shopId}`,
    /** the daily catalogue reconciliation of a shop (under the prefix: removed when the shop goes) */
    catalogScheduler: (shopId: number) => `reconcile-catalog-${shopId}`,
    fulfillmentRequests: (shopId: number, at: number) => `fs-${shopId}-${at}`,
  },
  returns: {
    /** one sync per return and minute: a failed sync job may still be kept under the previous id */
    sweep: (returnId: number, at: number) => `return-${returnId}-sweep-${Math.floor(at / 60_000)}`,
  },
  maintenance: {
    scheduler: (task: 'sweep' | 'schedule-reconcile' | 'detect-delays' | 'stock-digest') => task,
  },
} as const;

/** Scheduler keys of per-shop order reconciliation start with this. */
export const reconcileSchedulerPrefix = 'reconcile-';
