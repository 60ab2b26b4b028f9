import { z } from 'zod';

// What a push-style warehouse receives from the app (its DispatchOrder JSON), rebuilt here from
// the published contract: the robot does not import the app.

const addressSchema = z.object({
  name: z.string().nullish(),
  company: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  province: z.string().nullish(),
  zip: z.string().nullish(),
  countryCode: z.string().nullish(),
  phone: z.string().nullish(),
  latitude: z.number().nullish(),
  longitude: z.number().nullish(),
});

export const dispatchOrderSchema = z.object({
  allocationId: z.number().int().positive(),
  idempotencyKey: z.string().min(1),
  orderName: z.string(),
  channel: z.string(),
  promisedShipBy: z.string().nullable(),
  serviceLevel: z.string().nullable(),
  shipTo: addressSchema.nullable(),
  email: z.string().nullable(),
  lines: z
    .array(
      z.object({ lineId: z.number().int(), sku: z.string(), title: z.string(), quantity: z.number().int().positive() }),
    )
    .min(1),
});

/** An order pushed to the warehouse. */
export type PushedOrder = z.infer<typeof dispatchOrderSchema>;

export const cancelRequestSchema = z.object({ allocationId: z.number().int().positive(), orderName: z.string() });

/** A cancellation pushed to the warehouse. */
export type PushedCancel = z.infer<typeof cancelRequestSchema>;
