import type { Db } from '../../db/client.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import { createReturnsRepo, type ReturnWithLines } from '../../db/returns-repo.js';
import { createWarehousesRepo } from '../../db/warehouses-repo.js';
import { chooseReturnWarehouse, decideRequest, rmaNumber, type LineVerdict } from '../../domain/returns/index.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Queues } from '../../queue/producer.js';
import type { OutboxRow } from '../../db/email-outbox-repo.js';
import type { CustomerEmailDeps } from '../customers/customer-email-deps.js';
import { queueEmailJobs } from '../customers/queue-email-jobs.js';
import { decideReturnEmail } from './enqueue-return-email.js';
import { exchangeSkus } from './exchange-request.js';
import { returnableLines } from './returnable.js';
import { queueReturnSync, recordReturnStep } from './timeline.js';

export interface RequestReturnInput {
  shopId: number;
  orderId: number;
  source: 'merchant' | 'customer';
  lines: {
    orderLineId: number;
    quantity: number;
    reason: string;
    note?: string | null;
    /** another SKU of the shop (or the same one) the customer wants instead of money, for some of the units */
    exchange?: { sku: string; quantity: number } | null;
  }[];
  /** the merchant's own return label, sent to Shopify as a reverse delivery */
  labelUrl?: string | null;
  trackingNumber?: string | null;
  trackingUrl?: string | null;
  actor: string;
  now: Date;
}

export type RequestReturnResult =
  | { ok: true; ret: ReturnWithLines; decision: 'approve' | 'review'; why: string }
  | { ok: false; reason: string; lines: { orderLineId: number; verdict: LineVerdict }[] };

/**
 * A return asked for by the merchant or by the customer: the shop's rules decide whether it is
 * refused (with a reason), approved at once or left for review. It gets an RMA number and the
 * warehouse that will receive it (the returns rule), then Shopify is told.
 */
export async function requestReturn(
  deps: { db: Db; queues: Queues; log: Logger; customers: CustomerEmailDeps },
  input: RequestReturnInput,
): Promise<RequestReturnResult> {
  if (input.lines.length === 0) throw new ValidationError('a return needs at least one line');
  const emails: OutboxRow[] = [];
  const result = await deps.db.transaction(async (tx) => {
    const orders = createOrdersRepo(tx);
    const repo = createReturnsRepo(tx);
    const order = await orders.get(input.shopId, input.orderId);
    if (!order) throw new NotFoundError('order');
    const lines = await orders.lines(input.shopId, order.id);
    const wanted = new Map<
      number,
      { quantity: number; reason: string; note: string | null; exchange: { sku: string; quantity: number } | null }
    >();
    for (const l of input.lines) {
      if (!lines.some((x) => x.id === l.orderLineId))
        throw new ValidationError(
          `line ${l.orderLineId} is not on order ${order.name}`,
          undefined,
          'unknown_line',
          422,
        );
      const prev = wanted.get(l.orderLineId);
      wanted.set(l.orderLineId, {
        quantity: (prev?.quantity ?? 0) + l.quantity,
        reason: l.reason,
        note: l.note ?? prev?.note ?? null,
        exchange: l.exchange ?? prev?.exchange ?? null,
      });
    }
    const exchanges = await exchangeSkus(tx, order, wanted);
    const policy = await repo.policy(input.shopId);
    const avail = await returnableLines(tx, order, lines);
    const candidates = [...wanted].map(([orderLineId, w]) => {
      const a = avail.lines.find((x) => x.line.id === orderLineId)!;
      return { orderLineId, sku: a.line.sku, tags: [], quantity: w.quantity, returnable: a.returnable };
    });
    const decision = decideRequest(policy, {
      source: input.source,
      lines: candidates,
      orderTags: order.tags,
      shippedAt: avail.shippedAt,
      deliveredAt: avail.deliveredAt,
      now: input.now,
    });
    const verdicts = candidates.map((c, i) => ({ orderLineId: c.orderLineId, verdict: decision.lines[i]! }));
    if (decision.kind === 'reject') return { ok: false as const, reason: decision.reason, lines: verdicts };
    // even the merchant cannot return more than was shipped and not yet returned
    const over = verdicts.filter(
      (v) => !v.verdict.ok && (v.verdict.reason === 'too_many' || v.verdict.reason === 'nothing_to_return'),
    );
    if (over.length)
      throw new ValidationError(
        'more units than can be returned',
        over.map((o) => `line ${o.orderLineId}: ${o.verdict.ok ? '' : o.verdict.reason}`),
        'not_returnable',
        422,
      );

    const whs = await createWarehousesRepo(tx).list(input.shopId);
    const chosen = chooseReturnWarehouse(
      whs.map((w) => ({
        id: w.id,
        name: w.name,
        active: w.active,
        latitude: w.latitude,
        longitude: w.longitude,
        countryCode: w.address?.countryCode ?? null,
      })),
      policy.returnWarehouseIds,
      { latitude: order.latitude, longitude: order.longitude, countryCode: order.countryCode },
    );
    const seq = await repo.nextRmaSequence(input.shopId);
    const ret = await repo.insert(
      input.shopId,
      {
        channel: order.channel,
        orderId: order.id,
        orderExternalId: order.channelOrderExternalId ?? order.externalId,
        status: 'PENDING',
        rma: rmaNumber(seq),
        source: input.source,
        state: 'requested',
        decision: decision.why,
        warehouseId: chosen?.warehouseId ?? null,
        cost: String(policy.costPerReturn),
        requestedAt: input.now,
        labelUrl: input.labelUrl ?? null,
        trackingNumber: input.trackingNumber ?? null,
        trackingUrl: input.trackingUrl ?? null,
        totalQuantity: [...wanted.values()].reduce((s, w) => s + w.quantity, 0),
      },
      [...wanted].map(([orderLineId, w]) => {
        const l = lines.find((x) => x.id === orderLineId)!;
        return {
          orderLineId,
          lineItemExternalId: l.externalId,
          sku: l.sku,
          title: l.title,
          quantity: w.quantity,
          unitPrice: l.unitPrice,
          reason: w.reason,
          customerNote: w.note,
          ...(exchanges.get(orderLineId) ?? {}),
        };
      }),
    );
    await recordReturnStep(tx, ret, 'return_requested', input.actor, {
      source: input.source,
      units: ret.totalQuantity,
      warehouseId: ret.warehouseId,
      warehouseRule: chosen?.why ?? 'no warehouse accepts returns',
    });
    emails.push(...(await decideReturnEmail(deps.customers, tx, input.shopId, ret.id, 'return_requested')));
    if (decision.kind === 'approve') {
      const moved = await repo.move(input.shopId, ret.id, ['requested'], 'approved', { approvedAt: input.now });
      if (moved) {
        await recordReturnStep(tx, ret, 'return_approved', 'rules', { why: decision.why });
        emails.push(...(await decideReturnEmail(deps.customers, tx, input.shopId, ret.id, 'return_approved')));
      }
      return {
        ok: true as const,
        ret: { ...ret, ...(moved ?? {}), lines: ret.lines },
        decision: 'approve' as const,
        why: decision.why,
      };
    }
    return { ok: true as const, ret, decision: 'review' as const, why: decision.why };
  });
  await queueEmailJobs(deps.customers, emails);
  if (result.ok) await queueReturnSync(deps, input.shopId, result.ret.id);
  return result;
}
