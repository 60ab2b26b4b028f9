import type { Redis } from 'ioredis';
import type { Db } from '../../db/client.js';
import { createReturnsRepo } from '../../db/returns-repo.js';
import { createShopsRepo } from '../../db/shops-repo.js';
import { shopifyDeclineReason } from '../../domain/returns/index.js';
import { AppError, NotFoundError, RetriableIntegrationError } from '../../errors.js';
import { assertNoUserErrors, type ShopifyGraphql } from '../../integrations/shopify/graphql.js';
import {
  RETURN_APPROVE,
  RETURN_CLOSE,
  RETURN_DECLINE,
  RETURN_STATE,
  REVERSE_DELIVERY_CREATE,
  type ReturnApproveResult,
  type ReturnCloseResult,
  type ReturnDeclineResult,
  type ReturnStateResult,
  type ReverseDeliveryCreateResult,
  type ShopifyReturn,
} from '../../integrations/shopify/operations/returns.js';
import type { Logger } from '../../logger.js';
import type { Queues } from '../../queue/producer.js';
import { withRunLock } from '../../queue/run-lock.js';
import type { CustomerEmailDeps } from '../customers/customer-email-deps.js';
import { shopifyNotifiesReturn } from './enqueue-return-email.js';
import { shipExchange } from './ship-exchange.js';
import { recordReturnStep } from './timeline.js';
import {
  adoptShopifyReturn,
  createInShopify,
  disposeGraded,
  exchangeLines,
  processRefund,
  storeRemoteIds,
} from './sync-return-steps.js';

export interface SyncReturnDeps {
  db: Db;
  shopify: ShopifyGraphql;
  redis: Redis;
  /** the exchange order, once created, goes to routing */
  queues: Queues;
  log: Logger;
  lockPrefix: string;
  /** the customer hears of the steps this sync makes (a Shopify return read back, a refund) */
  customers: CustomerEmailDeps;
}

/**
 * Brings Shopify in line with our return, one idempotent step at a time, each step reading
 * Shopify's state before it writes: create (or adopt) the Shopify return, approve or decline it,
 * attach the merchant's label, dispose graded units (RESTOCKED at the warehouse's location),
 * ship the exchange as a new order, process it with the refund, close it. A return Shopify created first is read back here and
 * judged by the shop's rules. One sync per return at a time (a short Redis lock); a user error
 * from Shopify is kept on the return for the merchant to see.
 */
export async function syncReturn(
  deps: SyncReturnDeps,
  input: { shopId: number; returnId: number; now: Date },
): Promise<{ steps: string[] }> {
  const locked = await withRunLock(
    deps.redis,
    `${deps.lockPrefix}:return-sync:${input.returnId}`,
    { ttlMs: 60_000 },
    async () => {
      try {
        return await run(deps, input);
      } catch (err) {
        if (err instanceof AppError && !err.retriable) {
          const repo = createReturnsRepo(deps.db);
          const r = await repo.get(input.shopId, input.returnId);
          await repo.update(input.shopId, input.returnId, { syncError: err.message });
          if (r) await recordReturnStep(deps.db, r, 'return_sync_failed', 'shopify', { error: err.message });
          deps.log.warn(
            { shopId: input.shopId, returnId: input.returnId, err: err.message },
            'Shopify refused a return change',
          );
          return { steps: ['failed'] };
        }
        throw err;
      }
    },
  );
  if (locked.busy) throw new RetriableIntegrationError('another sync of this return is running', 'shopify');
  return locked.value;
}

async function run(
  deps: SyncReturnDeps,
  input: { shopId: number; returnId: number; now: Date },
): Promise<{ steps: string[] }> {
  const repo = createReturnsRepo(deps.db);
  let r = await repo.get(input.shopId, input.returnId);
  if (!r) throw new NotFoundError('return');
  if (r.channel !== 'shopify') return { steps: ['not a Shopify order'] };
  const notify = () => shopifyNotifiesReturn(deps.db, input.shopId, input.returnId);
  const shop = (await createShopsRepo(deps.db).byId(input.shopId))!;
  const gql = <T>(q: string, v: Record<string, unknown>) => deps.shopify.request<T>(shop.domain, q, v);
  const steps: string[] = [];
  const reload = async () => (r = (await repo.get(input.shopId, input.returnId))!);

  let remote: ShopifyReturn | null = null;
  if (r.externalId) remote = (await gql<ReturnStateResult>(RETURN_STATE, { id: r.externalId })).return;

  // a return Shopify told us about: read its lines, give it an RMA, judge it by the rules
  if (r.source === 'shopify' && remote && !r.rma) {
    await adoptShopifyReturn(deps, r, remote, input.now);
    steps.push('read from Shopify');
    await reload();
  }

  // an exchange reaches Shopify once approved: only returnCreate carries exchange lines, returnRequest has no field for them
  const waitsForApproval = r.state === 'requested' && exchangeLines(r).length > 0;
  if (!r.externalId && r.orderExternalId && r.state !== 'declined' && r.state !== 'closed' && !waitsForApproval) {
    remote = await createInShopify(deps, gql, r);
    steps.push(`created ${remote.status}`);
    await reload();
  }
  if (!remote) return { steps };
  await storeRemoteIds(deps, r, remote);
  await reload();

  if (r.state === 'declined' && remote.status === 'REQUESTED') {
    const reason = shopifyDeclineReason(r.declineReason ?? 'other');
    assertNoUserErrors(
      'returnDeclineRequest',
      (
        await gql<ReturnDeclineResult>(RETURN_DECLINE, {
          input: {
            id: remote.id,
            declineReason: reason,
            declineNote: r.declineNote ?? undefined,
            notifyCustomer: await notify(),
          },
        })
      ).returnDeclineRequest,
    );
    steps.push('declined');
    return { steps };
  }
  if (r.state !== 'requested' && r.state !== 'declined' && remote.status === 'REQUESTED') {
    const res = assertNoUserErrors(
      'returnApproveRequest',
      (await gql<ReturnApproveResult>(RETURN_APPROVE, { input: { id: remote.id, notifyCustomer: await notify() } }))
        .returnApproveRequest,
    );
    remote = res.return!;
    await storeRemoteIds(deps, r, remote);
    await reload();
    steps.push('approved');
  }
  const rfo = remote.reverseFulfillmentOrders.nodes[0];
  if (rfo && (r.labelUrl || r.trackingNumber) && !r.reverseDeliveryExternalId) {
    if (rfo.reverseDeliveries.nodes[0]) {
      await repo.update(r.shopId, r.id, { reverseDeliveryExternalId: rfo.reverseDeliveries.nodes[0].id });
    } else {
      const res = assertNoUserErrors(
        'reverseDeliveryCreateWithShipping',
        (
          await gql<ReverseDeliveryCreateResult>(REVERSE_DELIVERY_CREATE, {
            rfo: rfo.id,
            lines: [],
            tracking: r.trackingNumber ? { number: r.trackingNumber, url: r.trackingUrl ?? undefined } : undefined,
            label: r.labelUrl ? { fileUrl: r.labelUrl } : undefined,
          })
        ).reverseDeliveryCreateWithShipping,
      );
      await repo.update(r.shopId, r.id, { reverseDeliveryExternalId: res.reverseDelivery!.id });
      await recordReturnStep(deps.db, r, 'reverse_delivery_created', 'shopify', {
        reverseDelivery: res.reverseDelivery!.id,
        tracking: r.trackingNumber,
      });
    }
    steps.push('reverse delivery');
  }

  // Shopify's disposed counts are the truth, whoever disposed (us, or the merchant in Shopify)
  if (rfo) {
    for (const l of r.lines) {
      const remoteLine = rfo.lineItems.nodes.find((x) => x.id === l.rfoLineExternalId);
      const counted = remoteLine?.dispositions.reduce((s, d) => s + d.quantity, 0);
      if (counted !== undefined && counted !== l.disposedQuantity)
        await repo.updateLine(r.shopId, l.id, { disposedQuantity: counted });
    }
    await reload();
  }

  // graded units: dispose what Shopify has not disposed yet
  if (rfo && ['received', 'graded', 'refunded', 'closed'].includes(r.state)) {
    const disposed = await disposeGraded(deps, gql, r, rfo);
    if (disposed) steps.push(`disposed ${disposed}`);
    await reload();
  }

  const exchanged = await shipExchange(deps, gql, r, remote, input.now);
  if (exchanged !== null) {
    steps.push(`exchange order ${exchanged}`);
    await reload();
  }

  if (r.refundDueAt && !r.refundedAt && (r.state === 'graded' || r.state === 'received')) {
    await processRefund(deps, gql, r, remote.id, input.now, await notify());
    steps.push('refunded');
    await reload();
  }

  if (r.state === 'closed' && remote.status === 'OPEN') {
    assertNoUserErrors('returnClose', (await gql<ReturnCloseResult>(RETURN_CLOSE, { id: remote.id })).returnClose);
    steps.push('closed');
  }
  if (r.syncError) await repo.update(r.shopId, r.id, { syncError: null });
  return { steps };
}
