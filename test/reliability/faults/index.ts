import type { Fault } from '../harness/fault.js';
import { badSignatures, crossTenant, malformedBodies } from './hostile-requests.js';
import { serverKilled, workerKilled } from './process-kills.js';
import { postgresRestarted, redisFlushed, redisFull } from './service-outages.js';
import { threePlFailing } from './threepl-push.js';
import { duplicateWebhooks, reorderedAndStale, shopifyThrottled } from './shopify-chaos.js';

/** F1–F12 of docs/performance-reliability.md, in the order they run. */
export const faults: Fault[] = [
  workerKilled,
  serverKilled,
  redisFlushed,
  redisFull,
  postgresRestarted,
  threePlFailing,
  shopifyThrottled,
  duplicateWebhooks,
  reorderedAndStale,
  malformedBodies,
  badSignatures,
  crossTenant,
];
