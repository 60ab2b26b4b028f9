import type { FulfillmentStatus } from '@sp-api-sdk/orders-api-2026-01-01';
import { z } from 'zod';
import type { IncomingOrder } from '../../../domain/orders/incoming-order.js';
import type { ChannelOrder } from '../channel.js';

const text = z.string().nullish();
const money = z.object({ amount: z.string(), currencyCode: z.string() }).passthrough();
const fulfillmentStatuses = [
  'PENDING_AVAILABILITY',
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
] as const satisfies readonly FulfillmentStatus[];

/** The Orders API v2026-01-01 fields the app reads; the rest of Amazon's order is kept out on purpose. */
export const amazonOrderSchema = z
  .object({
    orderId: z.string().min(1),
    createdTime: z.iso.datetime({ offset: true }),
    lastUpdatedTime: z.iso.datetime({ offset: true }),
    salesChannel: z.object({ channelName: z.string(), marketplaceId: text }).passthrough(),
    recipient: z
      .object({
        deliveryAddress: z
          .object({
            name: text,
            companyName: text,
            addressLine1: text,
            addressLine2: text,
            city: text,
            stateOrRegion: text,
            postalCode: text,
            countryCode: text,
            phone: text,
          })
          .passthrough()
          .nullish(),
      })
      .passthrough()
      .nullish(),
    proceeds: z.object({ grandTotal: money.nullish() }).passthrough().nullish(),
    fulfillment: z
      .object({ fulfillmentStatus: z.enum(fulfillmentStatuses), fulfilledBy: text })
      .passthrough()
      .nullish(),
    orderItems: z.array(
      z
        .object({
          orderItemId: z.string().min(1),
          quantityOrdered: z.number().int().nonnegative(),
          product: z
            .object({
              sellerSku: text,
              title: text,
              price: z.object({ unitPrice: money.nullish() }).passthrough().nullish(),
            })
            .passthrough(),
          cancellation: z.object({}).passthrough().nullish(),
        })
        .passthrough(),
    ),
  })
  .passthrough();
export type AmazonOrderDto = z.infer<typeof amazonOrderSchema>;

export const searchOrdersResponseSchema = z.object({
  orders: z.array(amazonOrderSchema),
  pagination: z.object({ nextToken: z.string().nullish() }).passthrough().nullish(),
  lastUpdatedBefore: z.string().nullish(),
  createdBefore: z.string().nullish(),
});

export const getOrderResponseSchema = z.object({ order: amazonOrderSchema });

const PAID = new Set<FulfillmentStatus>(['UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED']);
const GONE = new Set<FulfillmentStatus>(['CANCELLED', 'UNFULFILLABLE']);

/**
 * An Amazon order in the app's shape. PENDING means the buyer's payment is not yet authorised,
 * so it reads as unpaid and routing holds it; CANCELLED cancels the order. Amazon gives the
 * buyer's e-mail to no one we would write to: the order carries none, so no customer e-mail leaves.
 */
export function toChannelOrder(channel: string, o: AmazonOrderDto): ChannelOrder {
  const status: FulfillmentStatus = o.fulfillment?.fulfillmentStatus ?? 'PENDING';
  const a = o.recipient?.deliveryAddress;
  const gone = GONE.has(status);
  const currency =
    o.proceeds?.grandTotal?.currencyCode ??
    o.orderItems.find((i) => i.product.price?.unitPrice)?.product.price?.unitPrice?.currencyCode ??
    'EUR';
  const unit = (i: AmazonOrderDto['orderItems'][number]) => Number(i.product.price?.unitPrice?.amount ?? 0);
  const total = o.proceeds?.grandTotal
    ? Number(o.proceeds.grandTotal.amount)
    : o.orderItems.reduce((s, i) => s + unit(i) * i.quantityOrdered, 0);
  const order: IncomingOrder = {
    channel,
    externalId: o.orderId,
    name: o.orderId,
    email: null,
    customerExternalId: null,
    financialStatus: PAID.has(status) ? 'PAID' : gone ? 'VOIDED' : 'PENDING',
    currency,
    totalPrice: total.toFixed(2),
    tags: [o.salesChannel.channelName],
    shippingAddress: a
      ? {
          name: a.name ?? null,
          company: a.companyName ?? null,
          address1: a.addressLine1 ?? null,
          address2: a.addressLine2 ?? null,
          city: a.city ?? null,
          province: a.stateOrRegion ?? null,
          zip: a.postalCode ?? null,
          countryCode: a.countryCode ? a.countryCode.toUpperCase() : null,
          phone: a.phone ?? null,
        }
      : null,
    placedAt: new Date(o.createdTime),
    updatedAt: new Date(o.lastUpdatedTime),
    cancelledAt: gone ? new Date(o.lastUpdatedTime) : null,
    fulfilled: status === 'SHIPPED',
    lines: o.orderItems.map((i) => ({
      externalId: i.orderItemId,
      sku: i.product.sellerSku ?? null,
      variantExternalId: null,
      title: i.product.title ?? i.product.sellerSku ?? '',
      quantity: i.quantityOrdered,
      currentQuantity: gone || i.cancellation ? 0 : i.quantityOrdered,
      unitPrice: unit(i).toFixed(2),
      requiresShipping: true,
    })),
  };
  return { order, state: status, awaitingAcceptance: false, versionKey: `${o.orderId}@${o.lastUpdatedTime}` };
}
