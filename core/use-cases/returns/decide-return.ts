import type { Db } from '../../db/client.js';
import { createReturnsRepo, type ReturnRow } from '../../db/returns-repo.js';
import { transition, type ReturnEvent, type ReturnState } from '../../domain/returns/state-machine.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Queues } from '../../queue/producer.js';
import type { OutboxRow } from '../../db/email-outbox-repo.js';
import type { CustomerEmailDeps } from '../customers/customer-email-deps.js';
import { queueEmailJobs } from '../customers/queue-email-jobs.js';
import { decideReturnEmail } from './enqueue-return-email.js';
import { queueReturnSync, recordReturnStep } from './timeline.js';

export type ReturnAction =
  | { type: 'approve' }
  | { type: 'decline'; reason: 'final_sale' | 'window_ended' | 'other'; note?: string | null }
  | { type: 'ship'; trackingNumber?: string | null; trackingUrl?: string | null; labelUrl?: string | null }
  | { type: 'refund' }
  | { type: 'close' };

const stamp: Partial<Record<ReturnState, keyof ReturnRow>> = {
  approved: 'approvedAt',
  declined: 'declinedAt',
  in_transit: 'inTransitAt',
  closed: 'closedAt',
};

/**
 * A person's decision on a return (merchant in the admin, or the rules): approve, decline with
 * a reason, mark it on its way with the label, ask for the refund, close. The state machine says
 * what applies; a concurrent change loses with a 409.
 */
export async function actOnReturn(
  deps: { db: Db; queues: Queues; log: Logger; customers: CustomerEmailDeps },
  input: { shopId: number; returnId: number; action: ReturnAction; actor: string; now: Date },
): Promise<ReturnRow> {
  const emails: OutboxRow[] = [];
  const out = await deps.db.transaction(async (tx) => {
    const repo = createReturnsRepo(tx);
    const r = await repo.lock(input.shopId, input.returnId);
    if (!r) throw new NotFoundError('return');
    const a = input.action;
    if (a.type === 'refund') {
      if (!['received', 'graded'].includes(r.state))
        throw new ConflictError(`a ${r.state} return cannot be refunded yet`, { state: r.state });
      if (r.refundDueAt) return r;
      const amount = refundAmount(r.lines);
      await repo.update(input.shopId, r.id, { refundDueAt: input.now, refundAmount: amount.toFixed(2) });
      await recordReturnStep(tx, r, 'refund_requested', input.actor, { amount: amount.toFixed(2) });
      return { ...r, refundDueAt: input.now };
    }
    const event: ReturnEvent['type'] = a.type;
    const t = transition(r.state as ReturnState, event);
    if (!t.ok)
      throw new ConflictError(
        `a ${r.state} return cannot be ${a.type === 'ship' ? 'marked in transit' : `${a.type}d`}`,
        { state: r.state, action: a.type },
      );
    const patch: Partial<ReturnRow> = {};
    const at = stamp[t.to];
    if (at) (patch as Record<string, unknown>)[at] = input.now;
    if (a.type === 'decline') Object.assign(patch, { declineReason: a.reason, declineNote: a.note ?? null });
    if (a.type === 'ship')
      Object.assign(patch, {
        trackingNumber: a.trackingNumber ?? r.trackingNumber,
        trackingUrl: a.trackingUrl ?? r.trackingUrl,
        labelUrl: a.labelUrl ?? r.labelUrl,
      });
    const moved = await repo.move(input.shopId, r.id, [t.from], t.to, patch);
    if (!moved) throw new ConflictError('the return changed meanwhile; reload it', { state: r.state });
    await recordReturnStep(
      tx,
      r,
      `return_${t.to}`,
      input.actor,
      a.type === 'decline' ? { reason: a.reason, note: a.note ?? null } : {},
    );
    if (t.to === 'approved' || t.to === 'declined')
      emails.push(...(await decideReturnEmail(deps.customers, tx, input.shopId, r.id, `return_${t.to}`)));
    return moved;
  });
  await queueEmailJobs(deps.customers, emails);
  await queueReturnSync(deps, input.shopId, input.returnId);
  return out;
}

/**
 * What goes back to the customer: the price of every unit that came back (missing units do not),
 * less the units exchanged (an exchange is paid by the unit it replaces, so it is not refunded).
 */
export function refundAmount(
  lines: {
    unitPrice: string;
    quantity: number;
    receivedQuantity: number;
    grades: { grade: string; quantity: number }[];
    exchangeQuantity?: number;
  }[],
): number {
  let cents = 0;
  for (const l of lines) {
    const back = unitsBack(l);
    cents += Math.round(Number(l.unitPrice) * 100) * (back - Math.min(back, l.exchangeQuantity ?? 0));
  }
  return cents / 100;
}

/** Units of a line that came back to the warehouse (every grade but missing). */
export function unitsBack(l: { receivedQuantity: number; grades: { grade: string; quantity: number }[] }): number {
  const graded = l.grades.reduce((s, g) => s + g.quantity, 0);
  const missing = l.grades.filter((g) => g.grade === 'missing').reduce((s, g) => s + g.quantity, 0);
  return graded > 0 ? graded - missing : l.receivedQuantity;
}
