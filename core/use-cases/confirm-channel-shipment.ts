import { createAuditRepo } from '../db/audit-repo.js';
import { createChannelAccountsRepo } from '../db/channel-accounts-repo.js';
import { createChannelShipmentQueries } from '../db/channel-shipment-queries.js';
import type { Db } from '../db/client.js';
import type { OrderRow } from '../db/orders-repo.js';
import type { Shipment as ShipmentRow } from '../db/shipments-repo.js';
import { matchCarrierName, type CarrierCode } from '../domain/carriers/index.js';
import { NotFoundError } from '../errors.js';
import type { ChannelRegistry } from '../integrations/channels/index.js';
import type { Logger } from '../logger.js';

export interface ConfirmChannelShipmentDeps {
  db: Db;
  channels: ChannelRegistry;
  log: Logger;
}

export type ConfirmChannelShipmentResult =
  { status: 'pushed'; channel: string; carrierCode: string | null } | { status: 'failed'; reason: string };

/** Our carrier code from the company the 3PL named (the carriers module already normalised it). */
function carrierOf(company: string | null): CarrierCode | null {
  const m = matchCarrierName(company);
  return m?.kind === 'carrier' ? m.carrier : null;
}

/**
 * Sends a shipment back to the marketplace the order came from, through that account's
 * adapter. A refusal that retrying cannot fix marks the shipment failed (visible on the
 * order); faults are thrown so the fulfill job retries with the marketplace's own wait.
 * Marketplaces take tracking, not scan events: those stay with us and the customer page.
 */
export async function confirmChannelShipment(
  deps: ConfirmChannelShipmentDeps,
  input: { shopId: number; shipment: ShipmentRow; order: OrderRow },
): Promise<ConfirmChannelShipmentResult> {
  const { shipment, order } = input;
  const account = await createChannelAccountsRepo(deps.db).byCode(input.shopId, order.channel);
  if (!account) throw new NotFoundError(`channel account ${order.channel}`);
  const audit = createAuditRepo(deps.db);
  const queries = createChannelShipmentQueries(deps.db);
  const lines = await queries.lines(input.shopId, shipment.id);
  const number = shipment.trackingNumbers[0];
  if (!number) {
    await queries.setPushOutcome(shipment.id, 'failed', { error: 'no tracking number' });
    return { status: 'failed', reason: 'no tracking number' };
  }
  const result = await deps.channels.forAccount(account).confirmShipment({
    orderExternalId: order.externalId,
    packageRef: String(shipment.id),
    carrier: carrierOf(shipment.carrier),
    carrierName: shipment.carrier ?? 'Other',
    trackingNumber: number,
    trackingUrl: shipment.trackingUrls[0] ?? null,
    shippedAt: shipment.shippedAt,
    lines,
  });
  if (!result.ok) {
    await queries.setPushOutcome(shipment.id, 'failed', {
      channel: order.channel,
      reason: result.reason,
      message: result.message,
    });
    await audit.record(input.shopId, 'order', String(order.id), 'tracking_push_failed', 'fulfill', {
      shipmentId: shipment.id,
      channel: order.channel,
      reason: result.reason,
      message: result.message,
    });
    return { status: 'failed', reason: `${result.reason}: ${result.message}` };
  }
  await queries.setPushOutcome(shipment.id, 'pushed', {
    channel: order.channel,
    carrierCode: result.carrierCode,
    trackingNumber: number,
  });
  await queries.skipPendingEvents(shipment.id);
  await audit.record(input.shopId, 'order', String(order.id), 'tracking_pushed', 'fulfill', {
    shipmentId: shipment.id,
    channel: order.channel,
    carrierCode: result.carrierCode,
    trackingNumber: number,
  });
  return { status: 'pushed', channel: order.channel, carrierCode: result.carrierCode };
}
