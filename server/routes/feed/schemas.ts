import { z } from 'zod';

/** Request and response shapes of the 3PL feed; they are also its OpenAPI document. */

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
}).meta({ id: 'Error', description: 'Every error has this shape.' });

export const addressSchema = z.object({
  name: z.string().nullish(), company: z.string().nullish(), address1: z.string().nullish(), address2: z.string().nullish(), city: z.string().nullish(),
  province: z.string().nullish(), zip: z.string().nullish(), countryCode: z.string().nullish(), phone: z.string().nullish(),
}).meta({ id: 'Address' });

export const allocationSchema = z.object({
  id: z.number().int().describe('Allocation id: one parcel-to-be for this warehouse'),
  status: z.enum(['reserved', 'ready', 'leased', 'acknowledged', 'rejected', 'partially_shipped', 'shipped', 'cancel_requested', 'cancelled']),
  idempotencyKey: z.string().describe('Stable for the life of the allocation: use it to recognise a redelivery'),
  orderName: z.string(),
  channel: z.string(),
  createdAt: z.string(),
  promisedShipBy: z.string().nullable().describe('Hand the parcel to the carrier before this instant to keep the promise'),
  promisedDeliveryBy: z.string().nullable(),
  serviceLevel: z.string().nullable(),
  leaseUntil: z.string().nullable().describe('While leased, other pollers do not receive this allocation'),
  shipTo: addressSchema.nullable(),
  email: z.string().nullable(),
  lines: z.array(z.object({ lineId: z.number().int(), sku: z.string(), title: z.string(), quantity: z.number().int(), shippedQuantity: z.number().int() })),
}).meta({ id: 'Allocation' });

export const allocationPageSchema = z.object({
  items: z.array(allocationSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
}).meta({ id: 'AllocationPage' });

export const leaseResultSchema = z.object({
  items: z.array(allocationSchema),
  leaseToken: z.string(),
  leaseUntil: z.string(),
}).meta({ id: 'LeaseResult' });

export const rejectBodySchema = z.object({
  reason: z.enum(['out_of_stock', 'incorrect_address', 'cannot_ship_destination', 'invalid_sku', 'order_too_large', 'other']),
  message: z.string().max(500).optional(),
}).meta({ id: 'RejectRequest' });

export const shipmentBodySchema = z.object({
  lines: z.array(z.object({ lineId: z.number().int().positive(), quantity: z.number().int().positive() })).min(1),
  carrier: z.string().max(100).nullish().describe('Carrier name as you know it ("Colissimo", "DHL Express"...): we normalise it'),
  trackingNumbers: z.array(z.string().min(3).max(60)).min(1).max(20),
  trackingUrl: z.url().nullish().describe('Kept as is when we do not know the carrier'),
  shippedAt: z.iso.datetime({ offset: true }),
}).meta({ id: 'ShipmentRequest' });

export const shipmentResultSchema = z.object({
  shipmentId: z.number().int(),
  created: z.boolean().describe('false when this Idempotency-Key was already recorded: nothing changed'),
  allocationStatus: z.string(),
  carrier: z.string().nullable(),
  trackingUrls: z.array(z.string()),
}).meta({ id: 'ShipmentResult' });

export const trackingEventBodySchema = z.object({
  status: z.enum(['in_transit', 'out_for_delivery', 'delivered', 'exception']),
  occurredAt: z.iso.datetime({ offset: true }),
  description: z.string().max(500).nullish(),
  location: z.string().max(200).nullish(),
}).meta({ id: 'TrackingEvent' });

export const snapshotBodySchema = z.object({
  snapshotId: z.string().min(1).max(100).describe('Your id for this count; a repeat with the same id changes nothing'),
  takenAt: z.iso.datetime({ offset: true }),
  items: z.array(z.object({ sku: z.string().min(1), onHand: z.number().int().min(0) })).min(1).max(20000),
}).meta({ id: 'InventorySnapshot' });

export const cancellationAnswerSchema = z.object({
  accept: z.boolean().describe('true if the parcel has not left and you cancelled it'),
  reason: z.string().max(500).optional(),
}).meta({ id: 'CancellationAnswer' });

export const idParams = z.object({ id: z.coerce.number().int().positive() });
