import type { Db } from '../db/client.js';
import { createAllocationsRepo } from '../db/allocations-repo.js';
import { createAuditRepo } from '../db/audit-repo.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { NotFoundError } from '../errors.js';
import { assertNoUserErrors, type ShopifyGraphql } from '../integrations/shopify/graphql.js';
import {
  FO_ACCEPT_CANCELLATION,
  FO_ACCEPT_REQUEST,
  FO_REJECT_CANCELLATION,
  type CancellationAnswerResult,
  type FoAcceptResult,
} from '../integrations/shopify/operations/fulfillment.js';
import type { Queues } from '../queue/producer.js';
import { cancelOrderAllocations } from './routing/cancel-order-allocations.js';

const ASSIGNED = `query AssignedFulfillmentOrders($status: FulfillmentOrderAssignmentStatus!, $after: String) {
  assignedFulfillmentOrders(first: 50, after: $after, assignmentStatus: $status) {
    nodes { id status requestStatus order { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;
interface AssignedPage {
  assignedFulfillmentOrders: {
    nodes: { id: string; status: string; requestStatus: string; order: { id: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/**
 * As a fulfillment service, answers what Shopify asks of our locations: fulfillment requests
 * are accepted; a cancellation request is accepted when the 3PL had not taken or had agreed to
 * drop the allocation, refused when the parcel left, and otherwise waits for the 3PL's answer.
 */
export async function answerFulfillmentRequests(
  deps: { db: Db; shopify: ShopifyGraphql; queues: Queues },
  input: { shopId: number },
) {
  const shop = await createShopsRepo(deps.db).byId(input.shopId);
  if (!shop) throw new NotFoundError('shop');
  const audit = createAuditRepo(deps.db);
  const out = { accepted: 0, cancellationsAccepted: 0, cancellationsRejected: 0, waiting: 0 };
  const page = async (status: string) => {
    const items: AssignedPage['assignedFulfillmentOrders']['nodes'] = [];
    let after: string | null = null;
    do {
      const p: AssignedPage = await deps.shopify.request<AssignedPage>(shop.domain, ASSIGNED, { status, after });
      items.push(...p.assignedFulfillmentOrders.nodes);
      after = p.assignedFulfillmentOrders.pageInfo.hasNextPage ? p.assignedFulfillmentOrders.pageInfo.endCursor : null;
    } while (after);
    return items;
  };

  for (const fo of await page('FULFILLMENT_REQUESTED')) {
    assertNoUserErrors(
      'fulfillmentOrderAcceptFulfillmentRequest',
      (await deps.shopify.request<FoAcceptResult>(shop.domain, FO_ACCEPT_REQUEST, { id: fo.id, message: 'Accepted' }))
        .fulfillmentOrderAcceptFulfillmentRequest,
    );
    out.accepted++;
  }

  for (const fo of await page('CANCELLATION_REQUESTED')) {
    const a = await createAllocationsRepo(deps.db).byFulfillmentOrder(shop.id, fo.id);
    let decision: 'accept' | 'reject' | 'wait' = 'accept';
    if (a) {
      if (['reserved', 'ready', 'leased', 'acknowledged', 'partially_shipped'].includes(a.status)) {
        const res = await deps.db.transaction((tx) =>
          cancelOrderAllocations(tx, shop.id, a.orderId, 'shopify_cancellation_request'),
        );
        decision = res.requested.length > 0 ? 'wait' : res.shipped.length > 0 ? 'reject' : 'accept';
      } else if (a.status === 'cancel_requested') decision = 'wait';
      else if (a.status === 'shipped') decision = 'reject';
    }
    if (decision === 'wait') {
      out.waiting++;
      continue;
    }
    const res = await deps.shopify.request<CancellationAnswerResult>(
      shop.domain,
      decision === 'accept' ? FO_ACCEPT_CANCELLATION : FO_REJECT_CANCELLATION,
      {
        id: fo.id,
        message: decision === 'accept' ? 'Cancelled at the warehouse' : 'The parcel has already left the warehouse',
      },
    );
    assertNoUserErrors(
      'cancellation answer',
      res.fulfillmentOrderAcceptCancellationRequest ?? res.fulfillmentOrderRejectCancellationRequest,
    );
    if (a)
      await audit.record(
        shop.id,
        'order',
        String(a.orderId),
        decision === 'accept' ? 'shopify_cancellation_accepted' : 'shopify_cancellation_rejected',
        'fulfillment_service',
        { fulfillmentOrder: fo.id },
      );
    if (decision === 'accept') out.cancellationsAccepted++;
    else out.cancellationsRejected++;
  }
  return out;
}
