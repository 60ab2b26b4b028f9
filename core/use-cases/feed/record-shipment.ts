import type { Db, Tx } from '../../db/client.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import type { StoredAnswer } from '../../db/feed-idempotency-repo.js';
import type { EmailStatus } from '../../db/email-outbox-repo.js';
import { readShipmentIntake, type IntakeQuery, type ShipmentIntake } from '../../db/shipment-intake-read.js';
import { writeShipmentRecord } from '../../db/shipment-record-write.js';
import { resolveTracking } from '../../domain/carriers/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { assertLeaseHolder } from './lease-guard.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueNewShipments, enqueueStockJobs } from '../../queue/producers.js';
import type { CustomerEmailDeps } from '../customers/customer-email-deps.js';
import { queueEmailJobs } from '../customers/queue-email-jobs.js';
import type { AnswerSlot } from './run-idempotent.js';
import { shippingEmail } from './shipping-email.js';

export interface ShipmentInput {
  who: FeedPrincipal;
  allocationId: number;
  idempotencyKey: string;
  lines: { lineId: number; quantity: number }[];
  carrier: string | null;
  trackingNumbers: string[];
  trackingUrl: string | null;
  shippedAt: Date;
  /** required while the allocation is leased and not acknowledged */
  leaseToken?: string;
  /**
   * The feed's idempotency record of the request: its stored answer is read with the
   * allocation, and a fresh shipment's answer (status `statusCode`, the result as body) is
   * written with it.
   */
  answer?: AnswerSlot & { statusCode: number };
}

export interface ShipmentResult {
  shipmentId: number;
  /** false when the same idempotency key was already recorded: nothing changed */
  created: boolean;
  allocationStatus: string;
  carrier: string | null;
  trackingUrls: string[];
}

/** The result, and what became of the request's idempotency record when one was given. */
export interface ShipmentOutcome extends ShipmentResult {
  /** when not created: the answer stored for the key (null: none) */
  storedAnswer?: StoredAnswer | null;
  /** the fresh result was stored as the key's answer */
  answerSaved: boolean;
}

const shippable = ['ready', 'leased', 'acknowledged', 'partially_shipped', 'cancel_requested'];

/**
 * A 3PL reports a parcel: never more than allocated (422), once per idempotency key. The units
 * leave the ledger as `shipped`, consuming their reservation, and the tracking goes back to
 * the sales channel through the fulfill queue. Four statements: begin, the locks with one read
 * of all it decides on, one write of all it changes, commit. What the locking statement read
 * may predate the commit of the locks' former holder: the write then changes nothing, and the
 * intake is read again (a refusal, too, is decided on a read made under the locks).
 */
export async function recordShipment(
  deps: { db: Db; queues: Queues; customers?: CustomerEmailDeps },
  input: ShipmentInput,
): Promise<ShipmentOutcome> {
  const emails: { id: number; shopId: number; status: EmailStatus }[] = [];
  if (input.lines.length === 0) throw new ValidationError('a shipment needs at least one line');
  const shopId = input.who.shopId;
  const query: IntakeQuery = {
    shopId,
    warehouseId: input.who.warehouseId,
    allocationId: input.allocationId,
    idempotencyKey: input.idempotencyKey,
    answer: input.answer,
  };
  const result = await deps.db.transaction(async (tx): Promise<ShipmentOutcome> => {
    // the same lock order as routing, hold and cancel: a cancellation in flight is seen, not raced
    let intake = await readShipmentIntake(tx, query, { lockFirst: true });
    if (!intake) throw new NotFoundError('allocation');
    for (let current = false; ; current = true) {
      const step = await attempt(deps, tx, input, query, intake);
      // a repeat answered from its stored answer is as true before the locks as after them
      if (step.outcome === 'existing' && (current || step.result.storedAnswer)) return step.result;
      if (step.outcome === 'refused' && current) throw step.error;
      if (step.outcome === 'recorded') {
        if (step.mail) emails.push({ ...step.mail, shopId });
        return step.result;
      }
      // the locking read may be stale (a refusal or a repeat seen there, or a write that found
      // the intake changed): read again, now under the locks. Stale after that, something the
      // locks do not guard moved between the read and the write
      if (current) throw new ConflictError(`allocation changed while the shipment was recorded; try again`);
      intake = await readShipmentIntake(tx, query);
      if (!intake) throw new NotFoundError('allocation');
    }
  });
  if (result.created) {
    await enqueueNewShipments(deps.queues, shopId, Date.now());
    await enqueueStockJobs(deps.queues, shopId);
    if (deps.customers) await queueEmailJobs(deps.customers, emails);
  }
  return result;
}

type Attempt =
  | { outcome: 'existing'; result: ShipmentOutcome }
  | { outcome: 'refused'; error: Error }
  | { outcome: 'recorded'; result: ShipmentOutcome; mail: { id: number; status: EmailStatus } | null }
  /** the intake changed since it was read: nothing was written */
  | { outcome: 'stale' };

/** Decides on an intake and, for a new parcel, writes it unless the intake changed since it was read. */
async function attempt(
  deps: { customers?: CustomerEmailDeps },
  tx: Tx,
  input: ShipmentInput,
  query: IntakeQuery,
  intake: ShipmentIntake,
): Promise<Attempt> {
  const a = intake.allocation;
  if (intake.existing)
    return {
      outcome: 'existing',
      result: {
        shipmentId: intake.existing.id,
        created: false,
        allocationStatus: a.status,
        carrier: intake.existing.carrier,
        trackingUrls: intake.existing.trackingUrls,
        ...(input.answer ? { storedAnswer: intake.storedAnswer } : {}),
        answerSaved: false,
      },
    };
  if (!shippable.includes(a.status)) {
    const error = new ConflictError(`allocation is ${a.status}; a shipment cannot be recorded`, { status: a.status });
    return { outcome: 'refused', error };
  }
  try {
    assertLeaseHolder(a, input.leaseToken, new Date());
  } catch (error) {
    return { outcome: 'refused', error: error as Error };
  }
  const lines = intake.lines;
  const problems: string[] = [];
  const wanted = new Map<number, number>();
  for (const l of input.lines) wanted.set(l.lineId, (wanted.get(l.lineId) ?? 0) + l.quantity);
  for (const [lineId, q] of wanted) {
    const line = lines.find((x) => x.id === lineId);
    if (!line) problems.push(`line ${lineId} is not part of allocation ${a.id}`);
    else if (q > line.quantity - line.shippedQuantity)
      problems.push(`line ${lineId}: ${q} shipped but only ${line.quantity - line.shippedQuantity} left to ship`);
  }
  if (problems.length) {
    const error = new ValidationError(
      'the shipment exceeds the allocation',
      problems,
      'shipment_exceeds_allocation',
      422,
    );
    return { outcome: 'refused', error };
  }

  const tracking = input.trackingNumbers.map((n) =>
    resolveTracking({ carrierName: input.carrier ?? undefined, number: n, url: input.trackingUrl ?? undefined }),
  );
  const carrier = tracking[0]?.company ?? input.carrier;
  const trackingUrls = tracking.map((t) => t.url).filter((u): u is string => !!u);
  const parcel = [...wanted].map(([lineId, quantity]) => ({ lineId, quantity }));
  // the allocation is locked: its lines are what was read, plus this parcel
  const done = lines.every((l) => l.shippedQuantity + (wanted.get(l.id) ?? 0) >= l.quantity);
  const status = done ? 'shipped' : 'partially_shipped';
  // the customer's page exists from the first parcel; the shipping e-mail is decided with the shipment
  const mail = deps.customers
    ? shippingEmail(deps.customers, intake, {
        carrier,
        trackingNumbers: input.trackingNumbers,
        trackingUrls,
        shippedAt: input.shippedAt,
        lines: parcel,
      })
    : null;
  const fresh = { created: true, allocationStatus: status, carrier, trackingUrls };
  const written = await writeShipmentRecord(tx, {
    shopId: input.who.shopId,
    allocationId: a.id,
    orderId: a.orderId,
    warehouseId: a.warehouseId,
    idempotencyKey: input.idempotencyKey,
    carrier,
    trackingNumbers: input.trackingNumbers,
    trackingUrls,
    shippedAt: input.shippedAt,
    lines: parcel.map((l) => ({ ...l, skuId: lines.find((x) => x.id === l.lineId)!.skuId })),
    intake: { query, version: intake.version },
    from: a.status,
    to: status,
    mail,
    audit: {
      actor: `warehouse:${a.warehouseId}`,
      data: {
        allocationId: a.id,
        carrier,
        trackingNumbers: input.trackingNumbers,
        trackingUrls,
        units: [...wanted.values()].reduce((x, y) => x + y, 0),
      },
    },
    answer: input.answer
      ? {
          warehouseId: input.answer.warehouseId,
          scope: input.answer.scope,
          key: input.answer.key,
          requestHash: input.answer.requestHash,
          statusCode: input.answer.statusCode,
          body: fresh,
        }
      : null,
  });
  if (!written) return { outcome: 'stale' };
  // the stock moved above is rolled back unless the allocation really moved on
  if (!written.moved) throw new ConflictError(`allocation changed while the shipment was recorded; try again`);
  return {
    outcome: 'recorded',
    result: { shipmentId: written.shipmentId, ...fresh, answerSaved: !!input.answer },
    mail: written.mail,
  };
}
