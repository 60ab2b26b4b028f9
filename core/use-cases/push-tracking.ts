import type { Db } from '../db/client.js';
import { createAuditRepo } from '../db/audit-repo.js';
import { createShipmentsRepo } from '../db/shipments-repo.js';
import { createShopsRepo } from '../db/shops-repo.js';
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
  const shipments = createShipmentsRepo(deps.db);
  const row = await shipments.forPush(input.shopId, input.shipmentId);
  if (!row) throw new NotFoundError(`shipment ${input.shipmentId}`);
  if (row.order.channel !== 'shopify')
    return confirmChannelShipment(deps, { shopId: input.shopId, shipment: row.shipment, order: row.order });
  const shop = (await createShopsRepo(deps.db).byId(input.shopId))!;
  const steps = { shopify: deps.shopify, shipments, audit: createAuditRepo(deps.db) };
  const target = { shop, ...row };

  // the shipping e-mail's sender is decided once per shipment (usually with the shipment itself):
  // Shopify notifies the customer exactly when the app does not
  const decided = await enqueueCustomerEmail(
    { db: deps.db, appUrl: deps.customers.appUrl, appCanSend: deps.customers.appCanSend },
    { shopId: input.shopId, shipmentId: row.shipment.id, kind: 'shipped' },
  );
  const notifyCustomer = decided.outcome === 'decided' && decided.row.sender === 'shopify';
  if (decided.outcome === 'decided' && decided.created) await queueEmailJobs(deps.customers, [decided.row]);
  const fulfillment = await ensureFulfillment(steps, { ...target, notifyCustomer });
  if (!fulfillment.ok) {
    // Shopify may simply not hold the fulfillment order yet: the job backs off and tries again;
    // after the last attempt the shipment stays `failed`, listed for the merchant to replay
    if (input.finalAttempt === false)
      throw new RetriableIntegrationError(`tracking push failed: ${fulfillment.reason}`, 'shopify');
    return { status: 'failed' as const, reason: fulfillment.reason };
  }
  const events = await pushTrackingEvents(steps, { ...target, fulfillmentId: fulfillment.fulfillmentId });
  return { status: 'pushed' as const, fulfillmentId: fulfillment.fulfillmentId, events: events.pushed };
}
