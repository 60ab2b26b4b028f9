import type { Db } from '../../db/client.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { writeCarrierEvent } from '../../db/tracking-event-write.js';
import { NotFoundError } from '../../errors.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueDueScans, scanDueAt } from '../../queue/producers.js';
import type { OutboxRow } from '../../db/email-outbox-repo.js';
import type { CustomerEmailDeps } from '../customers/customer-email-deps.js';
import { enqueueCustomerEmail } from '../customers/enqueue-customer-email.js';
import { queueEmailJobs } from '../customers/queue-email-jobs.js';
import type { AnswerSlot } from './run-idempotent.js';

export type TrackingStatus = 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception';

/**
 * A carrier event for a shipment. Repeats are ignored; the shipment takes the status of its
 * newest event, and the change is pushed to the sales channel: by the shipment's own push job
 * while its fulfillment is not created yet, else by the shop's job for the scans due (once the
 * shipment's window closes, or at once when the parcel is delivered).
 */
export async function recordTrackingEvent(
  deps: { db: Db; queues: Queues; customers?: CustomerEmailDeps; now?: () => number },
  input: {
    who: FeedPrincipal;
    shipmentId: number;
    status: TrackingStatus;
    occurredAt: Date;
    description?: string | null;
    location?: string | null;
    /**
     * The feed's idempotency record of the request: when it holds an answer nothing is done and
     * it is answered (`storedAnswer`); else the answer (`{ created, status }`) is stored with the event.
     */
    answer?: AnswerSlot & { statusCode: number };
  },
) {
  // the customer hears of the step the parcel reached, once; a late older scan says nothing
  const mailKind =
    deps.customers && (input.status === 'out_for_delivery' || input.status === 'delivered') ? input.status : null;
  const w = await writeCarrierEvent(deps.db, {
    shopId: input.who.shopId,
    warehouseId: input.who.warehouseId,
    shipmentId: input.shipmentId,
    status: input.status,
    occurredAt: input.occurredAt,
    description: input.description ?? null,
    location: input.location ?? null,
    audit: {
      shipmentId: input.shipmentId,
      occurredAt: input.occurredAt,
      description: input.description,
      location: input.location,
    },
    mailKind,
    answer: input.answer,
  });
  if (!w) throw new NotFoundError('shipment');
  if (w.storedAnswer) return { created: false, eventId: null, status: w.status, storedAnswer: w.storedAnswer };
  if (w.eventId === null) return { created: false, eventId: null, status: w.status, storedAnswer: null };

  const emails: Pick<OutboxRow, 'id' | 'shopId' | 'status'>[] = [];
  if (w.mail) emails.push({ ...w.mail, shopId: input.who.shopId });
  if (w.mailUndecided && deps.customers && mailKind) {
    // the shipment was recorded without its shipping e-mail decided: the long way, once
    const decided = await enqueueCustomerEmail(
      { db: deps.db, appUrl: deps.customers.appUrl, appCanSend: deps.customers.appCanSend },
      { shopId: input.who.shopId, shipmentId: input.shipmentId, kind: mailKind },
    );
    if (decided.outcome === 'decided') emails.push(decided.row);
  }

  // marketplaces take tracking, not scans; an unfulfilled pending shipment's job sends the scan
  // with the fulfillment (it marks the fulfillment after this event's commit, then reads the scans)
  const ridesShipmentPush = !w.fulfilled && w.pushStatus === 'pending';
  if (!w.marketplace && !ridesShipmentPush) {
    const at = (deps.now ?? Date.now)();
    const dueAt = scanDueAt({ at, shipmentCreatedAt: w.shipmentCreatedAt, delivered: w.status === 'delivered' });
    await enqueueDueScans(deps.queues, input.who.shopId, dueAt, at);
  }
  if (deps.customers) await queueEmailJobs(deps.customers, emails);
  return { created: true, eventId: w.eventId, status: w.status, storedAnswer: null };
}
