import { z } from 'zod';
import { dateTime } from './common.js';
import { reconcileDetail } from './shop.js';

/** Hand-over time (order placed → 3PL acknowledged) of one day or one week, in minutes. */
export const handoverStats = z.object({
  orders: z.number().int(),
  medianMinutes: z.number().nullable(),
  p95Minutes: z.number().nullable(),
});
export type HandoverStats = z.infer<typeof handoverStats>;

/** GET /overview: each count matches a filter of the orders list. */
export const overviewResponse = z.object({
  waitingToRoute: z.number().int(),
  onHold: z.number().int(),
  backordered: z.number().int(),
  awaitingAcknowledgement: z.number().int(),
  shippedToday: z.number().int(),
  late: z.number().int(),
  handover: z.array(handoverStats.extend({ day: z.string() })),
  handoverWeek: handoverStats,
  deadLetters: z.number().int(),
  /** parcels whose open delay the customer was (or would have been) told about */
  delayedShipments: z.number().int(),
  /** open stock alerts, and how many of them are critical */
  stockAlerts: z.object({ open: z.number().int(), critical: z.number().int() }),
  lastReconciliation: z
    .object({
      at: dateTime,
      status: z.enum(['running', 'completed', 'failed']),
      checked: z.number().int(),
      repaired: z.number().int(),
      details: z.array(reconcileDetail),
    })
    .nullable(),
});
export type OverviewResponse = z.infer<typeof overviewResponse>;
