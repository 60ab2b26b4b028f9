import type { Db } from '../db/client.js';
import { createAllocationsRepo } from '../db/allocations-repo.js';
import { createAuditRepo } from '../db/audit-repo.js';
import { loadDispatch, recordFulfillmentOrderLines } from '../db/dispatch-queries.js';
import { recordListed } from '../db/dispatch-outcome-write.js';
import { createShopsRepo } from '../db/shops-repo.js';
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
  input: {
    shopId: number;
    allocationId: number;
    finalAttempt: boolean;
    attempt: number;
    /** only a warehouse of this style is handed over; another answers `deferred`, untouched */
    onlyStyle?: 'feed';
  },
) {
  const allocations = createAllocationsRepo(deps.db);
  const loaded = await loadDispatch(deps.db, input.shopId, input.allocationId);
  if (!loaded) throw new NotFoundError(`allocation ${input.allocationId}`);
  const { allocation: a, order, warehouse: w, lines } = loaded;
  if (a.status !== 'reserved') return { status: 'skipped' as const, reason: `allocation is ${a.status}` };
  if (order.cancelledAt) return { status: 'skipped' as const, reason: 'order cancelled' };
  if (input.onlyStyle && w.dispatchStyle !== input.onlyStyle) return { status: 'deferred' as const };
  const shop = (await createShopsRepo(deps.db).byId(input.shopId))!;
  const audit = createAuditRepo(deps.db);

  let placement: Placement | { error: string } | null = null;
  // saved with the outcome below (with the error too, when the 3PL cannot be reached)
  let fulfillmentOrderExternalId: string | null | undefined;
  // where Shopify now holds each line: written with the outcome, whichever it is
  let placedLines: { lineId: number; foId: string; foLineId: string }[] = [];
  if (order.channel === 'shopify' && w.locationExternalId && !a.fulfillmentOrderExternalId) {
    try {
      placement = await placeOnShopify(deps.shopify, {
        shop: shop.domain,
        // an exchange's lines live on the Shopify order that came back
        orderExternalId: order.channelOrderExternalId ?? order.externalId,
        locationExternalId: w.locationExternalId,
        isOurFulfillmentService: !!w.fulfillmentServiceExternalId,
        lines: new Map(lines.map((l) => [l.orderLineExternalId, l.quantity])),
        inventoryItemOf: new Map(
          lines.flatMap((l) => (l.inventoryItem ? [[l.orderLineExternalId, l.inventoryItem] as const] : [])),
        ),
      });
      fulfillmentOrderExternalId = placement.fulfillmentOrderIds[0] ?? null;
      const held = placement.foLines;
      placedLines = lines.flatMap((l) => {
        const at = held[l.orderLineExternalId];
        return at ? [{ lineId: l.lineId, foId: at.foId, foLineId: at.foLineId }] : [];
      });
    } catch (e) {
      if (e instanceof AppError && e.retriable && !input.finalAttempt) throw e;
      placement = { error: (e as Error).message };
      deps.log.warn(
        { allocationId: a.id, err: (e as Error).message },
        'could not place the allocation on its Shopify location',
      );
    }
  }

  const dto = {
    orderName: order.name,
    channel: order.channel,
    shipTo: order.shippingAddress,
    email: order.email,
    lines: lines.map(({ lineId, sku, title, quantity }) => ({ lineId, sku, title, quantity })),
  };
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
          orderName: dto.orderName,
          channel: dto.channel,
          promisedShipBy: a.promisedShipBy?.toISOString() ?? null,
          serviceLevel: a.serviceLevel,
          shipTo: dto.shipTo,
          email: dto.email,
          lines: dto.lines,
        }),
      (e) => !(e instanceof AppError) || e.retriable,
    );
    const audited = {
      allocationId: a.id,
      warehouse: w.name,
      style: w.dispatchStyle,
      outcome,
      placement,
    };
    if (outcome.kind === 'listed') {
      const moved = await recordListed(deps.db, {
        shopId: input.shopId,
        allocationId: a.id,
        orderId: order.id,
        attempt: input.attempt,
        fulfillmentOrderExternalId,
        placed: placedLines,
        audit: audited,
      });
      return { status: moved ? ('dispatched' as const) : ('skipped' as const), to: 'ready' as const, placement };
    }
    await recordFulfillmentOrderLines(deps.db, input.shopId, placedLines);
    if (w.dispatchStyle !== 'feed')
      await allocations.recordDispatchAttempt(input.shopId, {
        allocationId: a.id,
        attempt: input.attempt,
        statusCode: 200,
        durationMs: Date.now() - started,
      });
    const to = 'acknowledged' as const;
    const row = await allocations.transition(input.shopId, a.id, ['reserved'], to, {
      ...(fulfillmentOrderExternalId === undefined ? {} : { fulfillmentOrderExternalId }),
      dispatchedAt: new Date(),
      acknowledgedAt: new Date(),
      dispatchAttempts: input.attempt,
      dispatchError: null,
    });
    await audit.record(input.shopId, 'order', String(order.id), 'dispatched', 'dispatch', audited);
    return { status: row ? ('dispatched' as const) : ('skipped' as const), to, placement };
  } catch (e) {
    const message = errorSummary(e);
    // the next attempt skips placement (the fulfillment order is saved below): keep where the lines are
    await recordFulfillmentOrderLines(deps.db, input.shopId, placedLines);
    await allocations.recordDispatchAttempt(input.shopId, {
      allocationId: a.id,
      attempt: input.attempt,
      error: message.slice(0, 1000),
      durationMs: Date.now() - started,
    });
    const final = input.finalAttempt || (e instanceof AppError && !e.retriable);
    await allocations.setDispatchOutcome(input.shopId, a.id, {
      ...(fulfillmentOrderExternalId === undefined ? {} : { fulfillmentOrderExternalId }),
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
