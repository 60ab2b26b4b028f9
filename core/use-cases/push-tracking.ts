import type { Db } from '../db/client.js';
import { createAuditRepo } from '../db/audit-repo.js';
import { createShipmentsRepo } from '../db/shipments-repo.js';
import { createTrackingPushQueries, type ShipmentPushView } from '../db/tracking-push-queries.js';
import { NotFoundError, RetriableIntegrationError } from '../errors.js';
import type { ShopifyGraphql } from '../integrations/shopify/graphql.js';
import type { Logger } from '../logger.js';
import { ensureFulfillment } from './tracking/ensure-fulfillment.js';
import { pushTrackingEvents } from './tracking/push-tracking-events.js';
import type { ChannelRegistry } from '../integrations/channels/index.js';
import { confirmChannelShipment } from './confirm-channel-shipment.js';
import type { CustomerEmailDeps } from './customers/customer-email-deps.js';
import { enqueueCustomerEmail } from './customers/enqueue-customer-email.js';
import { queueEmailJobs } from './customers/queue-email-jobs.js';

export interface PushTrackingDeps {
  db: Db;
  shopify: ShopifyGraphql;
  /** marketplace adapters: an order's tracking goes back through the channel it came from */
  channels: ChannelRegistry;
  log: Logger;
  customers: CustomerEmailDeps;
}

/**
 * Sends a shipment back to Shopify: one fulfillment with the tracking (carrier name Shopify
 * knows, numbers, URLs; the customer notified by Shopify when the shop says so), then every
 * tracking event not yet sent. A retry after a lost answer adopts the fulfillment that already
 * carries our tracking number instead of creating a second one.
 */
export async function pushTracking(
  deps: PushTrackingDeps,
  input: { shopId: number; shipmentId: number; finalAttempt?: boolean },
) {
  const push = createTrackingPushQueries(deps.db);
  const view = await push.load(input.shopId, input.shipmentId);
  if (!view) throw new NotFoundError(`shipment ${input.shipmentId}`);
  return pushLoadedShipment(deps, view, { finalAttempt: input.finalAttempt });
}

/**
 * `pushTracking` for a shipment already read with everything its push needs (a tick's run reads
 * them together and, issuing their calls at once, asks for a short `coalesceMs`).
 */
export async function pushLoadedShipment(
  deps: PushTrackingDeps,
  view: ShipmentPushView,
  opts: { finalAttempt?: boolean; coalesceMs?: number },
) {
  const input = { shopId: view.shop.id, finalAttempt: opts.finalAttempt };
  const push = createTrackingPushQueries(deps.db);
  if (view.order.channel !== 'shopify')
    return confirmChannelShipment(deps, { shopId: input.shopId, shipment: view.shipment, order: view.order });
  const steps = {
    shopify: deps.shopify,
    shipments: createShipmentsRepo(deps.db),
    audit: createAuditRepo(deps.db),
    push,
    coalesceMs: opts.coalesceMs,
  };

  // the shipping e-mail's sender is decided once per shipment, with the shipment itself: Shopify
  // notifies the customer exactly when the app does not. A shipment recorded without that
  // decision gets it here, once.
  let sender = view.mailSender;
  if (!sender) {
    const decided = await enqueueCustomerEmail(
      { db: deps.db, appUrl: deps.customers.appUrl, appCanSend: deps.customers.appCanSend },
      { shopId: input.shopId, shipmentId: view.shipment.id, kind: 'shipped' },
    );
    if (decided.outcome === 'decided') sender = decided.row.sender;
    if (decided.outcome === 'decided' && decided.created) await queueEmailJobs(deps.customers, [decided.row]);
  }
  const fulfillment = await ensureFulfillment(steps, { ...view, notifyCustomer: sender === 'shopify' });
  if (!fulfillment.ok) {
    // Shopify may simply not hold the fulfillment order yet: the job backs off and tries again;
    // after the last attempt the shipment stays `failed`, listed for the merchant to replay
    if (input.finalAttempt === false)
      throw new RetriableIntegrationError(`tracking push failed: ${fulfillment.reason}`, 'shopify');
    return { status: 'failed' as const, reason: fulfillment.reason };
  }
  // scans that arrived while the fulfillment was made rode on this job: read them once it is marked
  const pending = view.shipment.fulfillmentExternalId
    ? view.pending
    : await push.pendingEvents(input.shopId, view.shipment.id);
  const events = await pushTrackingEvents(steps, { ...view, fulfillmentId: fulfillment.fulfillmentId, pending });
  return { status: 'pushed' as const, fulfillmentId: fulfillment.fulfillmentId, events: events.pushed };
}
