import type { Db } from '../db/client.js';
import { createAllocationsRepo } from '../db/allocations-repo.js';
import { createAuditRepo } from '../db/audit-repo.js';
import { createCatalogRepo } from '../db/catalog-repo.js';
import { createFeedRepo } from '../db/feed-repo.js';
import { createOrdersRepo } from '../db/orders-repo.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { createWarehousesRepo } from '../db/warehouses-repo.js';
import type { TokenCipher } from '../crypto/token-cipher.js';
import { errorSummary } from '../error-summary.js';
import { AppError, IntegrationError, NotFoundError } from '../errors.js';
import type { CircuitBreaker } from '../integrations/warehouses/circuit-breaker.js';
import { warehouseAdapter } from '../integrations/warehouses/index.js';
import type { PushNetPolicy } from '../integrations/warehouses/push-client.js';
import type { ShopifyGraphql } from '../integrations/shopify/graphql.js';
import type { Logger } from '../logger.js';
import { placeOnShopify, type Placement } from './dispatch/place-on-shopify.js';

export interface DispatchDeps {
  db: Db;
  shopify: ShopifyGraphql;
  cipher: TokenCipher;
  breaker: CircuitBreaker;
  log: Logger;
  /** where push URLs may point (config.push); without it, public https hosts only */
  push?: PushNetPolicy;
}

/**
 * Hands a reserved allocation to its warehouse. Shopify first (the FO moves to the warehouse's
 * location; a failure there is recorded, not fatal: the parcel can still leave), then the 3PL:
 * listed in the feed, or pushed to its API with our idempotency key. No transaction is held
 * across a network call: intent, call, then outcome.
 */
export async function dispatchAllocation(
  deps: DispatchDeps,
  input: { shopId: number; allocationId: number; finalAttempt: boolean; attempt: number },
) {
  const allocations = createAllocationsRepo(deps.db);
  const a = await allocations.get(input.shopId, input.allocationId);
  if (!a) throw new NotFoundError(`allocation ${input.allocationId}`);
  if (a.status !== 'reserved') return { status: 'skipped' as const, reason: `allocation is ${a.status}` };
  const order = (await createOrdersRepo(deps.db).get(input.shopId, a.orderId))!;
  if (order.cancelledAt) return { status: 'skipped' as const, reason: 'order cancelled' };
  const w = (await createWarehousesRepo(deps.db).get(input.shopId, a.warehouseId))!;
  const shop = (await createShopsRepo(deps.db).byId(input.shopId))!;
  const audit = createAuditRepo(deps.db);

  let placement: Placement | { error: string } | null = null;
  if (order.channel === 'shopify' && w.locationExternalId && !a.fulfillmentOrderExternalId) {
    try {
      const lines = await allocations.lines(input.shopId, [a.id]);
      const orderLines = await createOrdersRepo(deps.db).lines(input.shopId, order.id);
      const byLine = new Map(
        lines.map((l) => [orderLines.find((o) => o.id === l.orderLineId)!.externalId, l.quantity]),
      );
      const items = await createCatalogRepo(deps.db).inventoryItems(
        input.shopId,
        lines.map((l) => l.skuId),
      );
      const inventoryItemOf = new Map(
        lines.flatMap((l) => {
          const item = items.find((i) => i.id === l.skuId)?.item;
          return item ? [[orderLines.find((o) => o.id === l.orderLineId)!.externalId, item] as const] : [];
        }),
      );
      placement = await placeOnShopify(deps.shopify, {
        shop: shop.domain,
        // an exchange's lines live on the Shopify order that came back
        orderExternalId: order.channelOrderExternalId ?? order.externalId,
        locationExternalId: w.locationExternalId,
        isOurFulfillmentService: !!w.fulfillmentServiceExternalId,
        lines: byLine,
        inventoryItemOf,
      });
      await allocations.setDispatchOutcome(input.shopId, a.id, {
        fulfillmentOrderExternalId: placement.fulfillmentOrderIds[0] ?? null,
      });
      for (const l of lines) {
        const held = placement.foLines[orderLines.find((o) => o.id === l.orderLineId)!.externalId];
        if (held) await allocations.setFulfillmentOrderLine(l.id, held.foId, held.foLineId);
      }
    } catch (e) {
      if (e instanceof AppError && e.retriable && !input.finalAttempt) throw e;
      placement = { error: (e as Error).message };
      deps.log.warn(
        { allocationId: a.id, err: (e as Error).message },
        'could not place the allocation on its Shopify location',
      );
    }
  }

  const [dto] = await createFeedRepo(deps.db).hydrate(input.shopId, [a]);
  const started = Date.now();
  try {
    // inside the try: a push secret that no longer decrypts is a dispatch error the merchant sees,
    // and a permanent one (no retry decrypts it)
    const adapter = (() => {
      try {
        return warehouseAdapter(w, deps.cipher, deps.push);
      } catch (e) {
        throw new IntegrationError(`warehouse ${w.id} cannot be reached: ${errorSummary(e)}`, `warehouse:${w.id}`);
      }
    })();
    const outcome = await deps.breaker.run(
      w.id,
      () =>
        adapter.dispatch({
          allocationId: a.id,
          idempotencyKey: a.idempotencyKey,
          orderName: dto!.orderName,
          channel: dto!.channel,
          promisedShipBy: a.promisedShipBy?.toISOString() ?? null,
          serviceLevel: a.serviceLevel,
          shipTo: dto!.shipTo,
          email: dto!.email,
          lines: dto!.lines.map(({ lineId, sku, title, quantity }) => ({ lineId, sku, title, quantity })),
        }),
      (e) => !(e instanceof AppError) || e.retriable,
    );
    if (w.dispatchStyle !== 'feed')
      await allocations.recordDispatchAttempt(input.shopId, {
        allocationId: a.id,
        attempt: input.attempt,
        statusCode: 200,
        durationMs: Date.now() - started,
      });
    const to = outcome.kind === 'listed' ? 'ready' : 'acknowledged';
    const row = await allocations.transition(input.shopId, a.id, ['reserved'], to, {
      dispatchedAt: new Date(),
      acknowledgedAt: to === 'acknowledged' ? new Date() : null,
      dispatchAttempts: input.attempt,
      dispatchError: null,
    });
    await audit.record(input.shopId, 'order', String(order.id), 'dispatched', 'dispatch', {
      allocationId: a.id,
      warehouse: w.name,
      style: w.dispatchStyle,
      outcome,
      placement,
    });
    return { status: row ? ('dispatched' as const) : ('skipped' as const), to, placement };
  } catch (e) {
    const message = errorSummary(e);
    await allocations.recordDispatchAttempt(input.shopId, {
      allocationId: a.id,
      attempt: input.attempt,
      error: message.slice(0, 1000),
      durationMs: Date.now() - started,
    });
    const final = input.finalAttempt || (e instanceof AppError && !e.retriable);
    await allocations.setDispatchOutcome(input.shopId, a.id, {
      dispatchAttempts: input.attempt,
      dispatchError: final ? message : null,
    });
    if (final) {
      await audit.record(input.shopId, 'order', String(order.id), 'dispatch_failed', 'dispatch', {
        allocationId: a.id,
        warehouse: w.name,
        error: message,
        attempts: input.attempt,
      });
      return { status: 'dead' as const, error: message };
    }
    throw e;
  }
}
