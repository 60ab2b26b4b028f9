/** How deliveries behave (Shopify: 5 s timeout, 8 retries with exponential backoff over ~4 h). */
export interface DeliverySettings {
  timeoutMs: number;
  maxRetries: number;
  /** First retry delay; retry n waits retryBaseMs × 2^(n-1). Tests use a few ms. */
  retryBaseMs: number;
  maxConcurrent: number;
  /** How long a reordered delivery waits for a later one before going anyway. */
  reorderHoldMs: number;
}

/** A rule that drops the next `count` deliveries of a topic ("*" for any). */
export interface DropRule {
  topic: string;
  count: number;
}

/** Misbehaviour knobs, settable at creation and at run time. */
export interface ChaosSettings {
  /** Probability that a delivery is sent twice (same webhook and event ids). */
  duplicateRate: number;
  /** Probability that a delivery is held back and sent after the next one. */
  reorderRate: number;
  /** Extra delay before the first attempt of every delivery. */
  delayMs: number;
  /** Random extra delay in [0, delayJitterMs]. */
  delayJitterMs: number;
  /** Probability that a delivery is lost (never sent, never retried). */
  dropRate: number;
  dropNext: DropRule[];
}

/** One attempt to deliver. */
export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
  ms: number;
}

/** A webhook delivery or fulfillment-service callback, as the log shows it. */
export interface DeliveryRecord {
  id: string;
  eventId: string;
  kind: 'webhook' | 'fulfillment_service_callback';
  topic: string;
  shop: string;
  url: string | null;
  name: string | null;
  body: string;
  triggeredAt: string;
  status: 'pending' | 'delivered' | 'failed' | 'dropped' | 'skipped';
  attempts: DeliveryAttempt[];
  duplicateOf: string | null;
  replayOf: string | null;
  chaos: string[];
}

/** Filter of the delivery log. */
export interface DeliveryFilter {
  topic?: string;
  shop?: string;
  status?: DeliveryRecord['status'];
  kind?: DeliveryRecord['kind'];
}

export const DEFAULT_DELIVERY: DeliverySettings = {
  timeoutMs: 5000,
  maxRetries: 8,
  retryBaseMs: 60_000,
  maxConcurrent: 64,
  reorderHoldMs: 50,
};
export const NO_CHAOS: ChaosSettings = {
  duplicateRate: 0,
  reorderRate: 0,
  delayMs: 0,
  delayJitterMs: 0,
  dropRate: 0,
  dropNext: [],
};
