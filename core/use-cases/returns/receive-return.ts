import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { createCatalogRepo } from '../../db/catalog-repo.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { createReturnsRepo } from '../../db/returns-repo.js';
import { createStockRepo } from '../../db/stock-repo.js';
import { stockEffects, type Grade } from '../../domain/returns/grading.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueStockJobs } from '../../queue/producers.js';
import type { OutboxRow } from '../../db/email-outbox-repo.js';
import type { CustomerEmailDeps } from '../customers/customer-email-deps.js';
import { queueEmailJobs } from '../customers/queue-email-jobs.js';
import { refundAmount } from './decide-return.js';
import { decideReturnEmail } from './enqueue-return-email.js';
import { queueReturnSync, recordReturnStep } from './timeline.js';

export interface ReceiptInput {
  who: FeedPrincipal;
  returnId: number;
  idempotencyKey: string;
  receivedAt: Date;
  lines: { lineId: number; quantity: number; grade: Grade; photoUrls: string[] }[];
  now: Date;
}

export interface ReceiptResult {
  returnId: number;
  rma: string | null;
  /** false when this idempotency key was already recorded: nothing changed */
  created: boolean;
  state: string;
  restocked: number;
  damaged: number;
}

/**
 * A warehouse received a return and graded each unit. Resellable units come back on hand
 * through the ledger (reason `returned`), damaged ones into the damaged quantity; nothing else
 * moves stock. Once per idempotency key: a replay answers the first answer, a different body
 * under the same key is a 409. The refund follows when the shop's policy says so.
 */
export async function receiveReturn(
  deps: { db: Db; queues: Queues; log: Logger; customers: CustomerEmailDeps },
  input: ReceiptInput,
): Promise<ReceiptResult> {
  const emails: OutboxRow[] = [];
  if (input.lines.length === 0) throw new ValidationError('a receipt needs at least one line');
  const hash = createHash('sha256')
    .update(JSON.stringify({ r: input.returnId, t: input.receivedAt.toISOString(), l: input.lines }))
    .digest('hex');
  const result = await deps.db.transaction(async (tx) => {
    const repo = createReturnsRepo(tx);
    const r = await repo.lock(input.who.shopId, input.returnId);
    if (!r || r.warehouseId !== input.who.warehouseId) throw new NotFoundError('return');
    const seen = await repo.receipt(input.who.warehouseId, input.idempotencyKey);
    if (seen) {
      if (seen.requestHash !== hash || seen.returnId !== r.id)
        throw new ConflictError('this idempotency key was used for a different receipt');
      return { ...(seen.response as ReceiptResult), created: false };
    }
    // `received`: a parcel came with part of the return; the rest may still come
    if (r.state !== 'approved' && r.state !== 'in_transit' && r.state !== 'received')
      throw new ConflictError(`return ${r.rma} is ${r.state}; it cannot be received`, { state: r.state });

    const byLine = new Map<number, { grade: Grade; quantity: number }[]>();
    const photos = new Map<number, string[]>();
    for (const l of input.lines) {
      if (!r.lines.some((x) => x.id === l.lineId))
        throw new ValidationError(`line ${l.lineId} is not part of return ${r.rma}`, undefined, 'unknown_line', 422);
      byLine.set(l.lineId, [...(byLine.get(l.lineId) ?? []), { grade: l.grade, quantity: l.quantity }]);
      photos.set(l.lineId, [...(photos.get(l.lineId) ?? []), ...l.photoUrls]);
    }
    const stock = createStockRepo(tx);
    const catalog = createCatalogRepo(tx);
    let restocked = 0,
      damaged = 0;
    const problems: string[] = [];
    const effects = new Map<number, { restock: number; damaged: number; other: number }>();
    const before = new Map(r.lines.map((l) => [l.id, l.grades.reduce((s, g) => s + g.quantity, 0)]));
    for (const [lineId, units] of byLine) {
      const line = r.lines.find((x) => x.id === lineId)!;
      // an earlier receipt accounted for some units: this one grades at most the rest
      const e = stockEffects(units, line.quantity - before.get(lineId)!);
      if ('error' in e) problems.push(`line ${lineId}: ${e.error}`);
      else effects.set(lineId, e);
    }
    if (problems.length)
      throw new ValidationError('the receipt does not match the return', problems, 'receipt_exceeds_return', 422);
    for (const [lineId, units] of byLine) {
      const line = r.lines.find((x) => x.id === lineId)!;
      const e = effects.get(lineId)!;
      const sku = line.sku ? await catalog.skuBySku(input.who.shopId, line.sku) : undefined;
      if ((e.restock > 0 || e.damaged > 0) && !sku)
        problems.push(`line ${lineId}: SKU ${line.sku ?? '(none)'} is not in the catalog`);
      const offset = before.get(lineId)!;
      if (sku && e.restock > 0)
        await stock.applyMovement(input.who.shopId, {
          warehouseId: input.who.warehouseId,
          skuId: sku.id,
          delta: e.restock,
          reason: 'returned',
          // one movement per receipt of the line: a later receipt starts where the earlier ones stopped
          reference: offset === 0 ? `return:${r.id}:line:${lineId}` : `return:${r.id}:line:${lineId}:from:${offset}`,
        });
      if (sku && e.damaged > 0) await repo.addDamaged(input.who.shopId, input.who.warehouseId, sku.id, e.damaged);
      restocked += e.restock;
      damaged += e.damaged;
      const received = units.filter((u) => u.grade !== 'missing').reduce((s, u) => s + u.quantity, 0);
      await repo.updateLine(input.who.shopId, lineId, {
        receivedQuantity: line.receivedQuantity + received,
        grades: mergeGrades(line.grades, units),
        photoUrls: [...line.photoUrls, ...(photos.get(lineId) ?? [])],
      });
    }
    if (problems.length)
      throw new ValidationError('the receipt names SKUs we do not know', problems, 'unknown_sku', 422);

    const units = [...byLine.values()].flat().reduce((s, u) => s + u.quantity, 0);
    const after = (await repo.get(input.who.shopId, r.id))!;
    // every unit is accounted for (graded, or reported missing): the return is graded
    const complete = after.lines.every((l) => l.grades.reduce((s, g) => s + g.quantity, 0) >= l.quantity);
    if (r.state !== 'received')
      await repo.move(input.who.shopId, r.id, [r.state as 'approved' | 'in_transit'], 'received', {
        receivedAt: input.receivedAt,
      });
    await recordReturnStep(tx, r, 'return_received', `warehouse:${input.who.warehouseId}`, {
      units,
      partial: !complete,
    });
    if (complete) {
      await repo.move(input.who.shopId, r.id, ['received'], 'graded', { gradedAt: input.now });
      await recordReturnStep(tx, r, 'return_graded', `warehouse:${input.who.warehouseId}`, {
        grades: Object.fromEntries(after.lines.map((l) => [l.id, l.grades])),
        restocked,
        damaged,
      });
    }

    const policy = await repo.policy(input.who.shopId);
    if (r.refundedAt) {
      // refunded before grading (Shopify's admin, or the shop's refund on receipt): that was the refund
      if (complete && (await repo.move(input.who.shopId, r.id, ['graded'], 'refunded'))) {
        await recordReturnStep(tx, r, 'return_refunded', 'shopify', { amount: r.refundAmount, before: 'grading' });
        emails.push(...(await decideReturnEmail(deps.customers, tx, input.who.shopId, r.id, 'return_refunded')));
      }
    } else if (!r.refundDueAt && (policy.refundOn === 'receipt' || (policy.refundOn === 'grading' && complete))) {
      // on receipt: the parcel is here, the money goes back for every unit announced but reported missing,
      // before the warehouse has checked the rest; on grading: for what came back
      const amount = policy.refundOn === 'receipt' ? announcedAmount(after.lines) : refundAmount(after.lines);
      await repo.update(input.who.shopId, r.id, { refundDueAt: input.now, refundAmount: amount.toFixed(2) });
      await recordReturnStep(tx, r, 'refund_requested', 'rules', {
        amount: amount.toFixed(2),
        policy: policy.refundOn,
      });
    }
    const response: ReceiptResult = {
      returnId: r.id,
      rma: r.rma,
      created: true,
      state: complete ? 'graded' : 'received',
      restocked,
      damaged,
    };
    await repo.saveReceipt({
      shopId: input.who.shopId,
      warehouseId: input.who.warehouseId,
      returnId: r.id,
      idempotencyKey: input.idempotencyKey,
      requestHash: hash,
      response,
    });
    return response;
  });
  await queueEmailJobs(deps.customers, emails);
  if (result.created) {
    await queueReturnSync(deps, input.who.shopId, input.returnId);
    await enqueueStockJobs(deps.queues, input.who.shopId);
  }
  return result;
}

/** A line's grades after another receipt: quantities added per grade. */
function mergeGrades(
  had: readonly { grade: Grade; quantity: number }[],
  add: readonly { grade: Grade; quantity: number }[],
): { grade: Grade; quantity: number }[] {
  const out = had.map((g) => ({ ...g }));
  for (const u of add) {
    const same = out.find((g) => g.grade === u.grade);
    if (same) same.quantity += u.quantity;
    else out.push({ grade: u.grade, quantity: u.quantity });
  }
  return out;
}

/** Refund on receipt: every unit announced, less the ones reported missing and the ones exchanged. */
function announcedAmount(
  lines: {
    unitPrice: string;
    quantity: number;
    exchangeQuantity: number;
    grades: { grade: string; quantity: number }[];
  }[],
): number {
  let cents = 0;
  for (const l of lines) {
    const missing = l.grades.filter((g) => g.grade === 'missing').reduce((s, g) => s + g.quantity, 0);
    const units = l.quantity - missing;
    cents += Math.round(Number(l.unitPrice) * 100) * (units - Math.min(units, l.exchangeQuantity));
  }
  return cents / 100;
}
