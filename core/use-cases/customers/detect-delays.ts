import { createAuditRepo } from '../../db/audit-repo.js';
import type { Db } from '../../db/client.js';
import { openShipmentsWithoutDelay, raiseDelay } from '../../db/customer-email-queries.js';
import type { OutboxRow } from '../../db/email-outbox-repo.js';
import { delayReason } from '../../domain/customers/delay.js';
import type { CustomerEmailDeps } from './customer-email-deps.js';
import { enqueueCustomerEmail } from './enqueue-customer-email.js';
import { queueEmailJobs } from './queue-email-jobs.js';

/** Shipments older than this are history, not open parcels. */
const LOOKBACK_DAYS = 60;

/**
 * The scheduled delay check: every open shipment is compared with its promise and its last
 * carrier event. A late one gets its delay raised once (a unique row per shipment), shown to
 * the merchant, and one delay e-mail to the customer when the app is the shop's sender.
 */
export async function detectDelays(
  deps: { db: Db; customers: CustomerEmailDeps; noScanHours: number },
  input: { now?: Date; shopId?: number } = {},
) {
  const now = input.now ?? new Date();
  const open = await openShipmentsWithoutDelay(deps.db, {
    since: new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000),
    shopId: input.shopId,
  });
  const emails: OutboxRow[] = [];
  let raised = 0;
  for (const s of open) {
    const reason = delayReason(
      { ...s, lastEventAt: s.lastEventAt ? new Date(s.lastEventAt) : null },
      now,
      deps.noScanHours,
    );
    if (!reason) continue;
    await deps.db.transaction(async (tx) => {
      const delay = await raiseDelay(tx, {
        shopId: s.shopId,
        orderId: s.orderId,
        shipmentId: s.id,
        reason,
        detectedAt: now,
      });
      if (!delay) return;
      raised++;
      await createAuditRepo(tx).record(s.shopId, 'order', String(s.orderId), 'delayed', 'delay-check', {
        shipmentId: s.id,
        reason,
      });
      const decided = await enqueueCustomerEmail(
        { db: tx, appUrl: deps.customers.appUrl, appCanSend: deps.customers.appCanSend },
        { shopId: s.shopId, shipmentId: s.id, kind: 'delayed', delayReason: reason },
      );
      if (decided.outcome === 'decided') emails.push(decided.row);
    });
  }
  await queueEmailJobs(deps.customers, emails);
  if (raised) deps.customers.log.info({ raised }, 'delays raised');
  return { checked: open.length, raised };
}
