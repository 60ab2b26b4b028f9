import { z } from 'zod';
import type { IncomingOrder } from '../../domain/orders/incoming-order.js';
import type { ChannelOrder } from './channel.js';

/** Inbox topic of an order version read from a marketplace. */
export const CHANNEL_ORDER_TOPIC = 'channel/order';

const date = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const str = z.string().nullable();
const incomingOrderSchema = z.object({
  channel: z.string().min(1),
  externalId: z.string().min(1),
  name: z.string(),
  email: str,
  customerExternalId: str,
  financialStatus: str,
  currency: z.string(),
  totalPrice: z.string(),
  tags: z.array(z.string()),
  shippingAddress: z
    .object({
      name: str.optional(),
      company: str.optional(),
      address1: str.optional(),
      address2: str.optional(),
      city: str.optional(),
      province: str.optional(),
      zip: str.optional(),
      countryCode: str.optional(),
      phone: str.optional(),
      latitude: z.number().nullable().optional(),
      longitude: z.number().nullable().optional(),
    })
    .nullable(),
  placedAt: date,
  updatedAt: date,
  cancelledAt: date.nullable(),
  fulfilled: z.boolean(),
  lines: z.array(
    z.object({
      externalId: z.string().min(1),
      sku: str,
      variantExternalId: str,
      title: z.string(),
      quantity: z.number().int().nonnegative(),
      currentQuantity: z.number().int().nonnegative(),
      unitPrice: z.string(),
      requiresShipping: z.boolean(),
    }),
  ),
});

/** What a poll writes to the inbox for one order version; the ingest worker reads it back with this. */
export const channelOrderEventSchema = z.object({
  accountId: z.number().int().positive(),
  state: z.string(),
  order: incomingOrderSchema,
});
export type ChannelOrderEvent = { accountId: number; state: string; order: IncomingOrder };

export function channelOrderEventBody(accountId: number, o: ChannelOrder): string {
  return JSON.stringify({ accountId, state: o.state, order: o.order });
}

/** Inbox source of one account: its versions dedupe against each other, never against another account's. */
export function channelInboxSource(accountId: number): string {
  return `channel:${accountId}`;
}
