import { z } from 'zod';
import { grades } from '../../domain/returns/grading.js';
import { returnReasons } from '../../domain/returns/reasons.js';
import { returnStates } from '../../domain/returns/state-machine.js';
import { safeText } from '../safe-text.js';
import { errorResponse } from './common.js';

/** Admin API contract for returns: what /api/admin/returns takes and gives. */

export const returnStateSchema = z.enum(returnStates);
export const returnSourceSchema = z.enum(['shopify', 'merchant', 'customer']);
export const returnActionTypeSchema = z.enum(['approve', 'decline', 'ship', 'refund', 'close']);

export const returnListQuerySchema = z.object({
  state: z
    .string()
    .max(200)
    .optional()
    .transform((s, c) => {
      if (!s) return undefined;
      const parts = s.split(',');
      const bad = parts.filter((p) => !(returnStates as readonly string[]).includes(p));
      if (bad.length) {
        c.addIssue({ code: 'custom', message: `unknown state ${bad.join(', ')}` });
        return z.NEVER;
      }
      return parts as (typeof returnStates)[number][];
    }),
  source: returnSourceSchema.optional(),
  warehouse: z.coerce.number().int().positive().optional(),
  q: safeText(100).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const returnSummarySchema = z.object({
  id: z.number().int(),
  rma: z.string(),
  status: returnStateSchema,
  shopifyStatus: z.string().nullable(),
  source: returnSourceSchema,
  orderId: z.number().int().nullable(),
  orderName: z.string().nullable(),
  warehouse: z.string().nullable(),
  units: z.number().int(),
  reasons: z.array(z.string()),
  refundAmount: z.string().nullable(),
  requestedAt: z.string(),
  syncError: z.string().nullable(),
});
export const returnListSchema = z.object({
  items: z.array(returnSummarySchema),
  nextBefore: z.number().int().nullable(),
});

export const returnLineSchema = z.object({
  id: z.number().int(),
  sku: z.string().nullable(),
  title: z.string(),
  quantity: z.number().int(),
  unitPrice: z.string(),
  reason: z.string().nullable(),
  customerNote: z.string().nullable(),
  receivedQuantity: z.number().int(),
  grades: z.array(z.object({ grade: z.enum(grades), quantity: z.number().int() })),
  photoUrls: z.array(z.string()),
  disposedQuantity: z.number().int(),
  /** what the customer gets instead of money for some units: another SKU, shipped as a new order */
  exchange: z.object({ sku: z.string(), title: z.string(), quantity: z.number().int() }).nullable(),
});

export const timelineEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  actor: z.string(),
  data: z.unknown(),
});

export const returnDetailSchema = returnSummarySchema.extend({
  decision: z.string().nullable(),
  declineReason: z.string().nullable(),
  declineNote: z.string().nullable(),
  warehouseId: z.number().int().nullable(),
  warehouseAddress: z
    .object({
      name: z.string(),
      address1: z.string().nullable(),
      city: z.string().nullable(),
      zip: z.string().nullable(),
      countryCode: z.string().nullable(),
    })
    .nullable(),
  trackingNumber: z.string().nullable(),
  labelUrl: z.string().nullable(),
  cost: z.string(),
  times: z.object({
    requestedAt: z.string(),
    approvedAt: z.string().nullable(),
    declinedAt: z.string().nullable(),
    inTransitAt: z.string().nullable(),
    receivedAt: z.string().nullable(),
    gradedAt: z.string().nullable(),
    refundedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
  }),
  refundDue: z.boolean(),
  actions: z.array(returnActionTypeSchema),
  lines: z.array(returnLineSchema),
  /** the order that ships the exchange, once the return was graded */
  exchangeOrder: z.object({ id: z.number().int(), name: z.string(), status: z.string() }).nullable(),
  timeline: z.array(timelineEntrySchema),
});

export const createReturnBodySchema = z.object({
  orderId: z.number().int().positive(),
  lines: z
    .array(
      z.object({
        orderLineId: z.number().int().positive(),
        quantity: z.number().int().positive().max(10_000),
        reason: z.enum(returnReasons),
        note: safeText(500).nullish(),
        /** units of this line exchanged for another SKU instead of refunded (Shopify orders) */
        exchange: z
          .object({ sku: safeText(100).pipe(z.string().min(1)), quantity: z.number().int().positive().max(10_000) })
          .nullish(),
      }),
    )
    .min(1)
    .max(100),
  labelUrl: z
    .url({ protocol: /^https?$/ })
    .pipe(safeText(2000))
    .nullish(),
  trackingNumber: safeText(60).nullish(),
});
/** 201: the return was recorded, approved at once or left for review. */
export const createReturnAcceptedSchema = z.object({
  ok: z.literal(true),
  id: z.number().int(),
  rma: z.string(),
  status: returnStateSchema,
  decision: z.enum(['approve', 'review']),
  why: z.string(),
});
/** 422: the shop's rules refuse the return, with each line's verdict. */
export const createReturnRefusedSchema = z.object({
  ok: z.literal(false),
  reason: z.string(),
  lines: z.array(z.object({ orderLineId: z.number().int(), ok: z.boolean(), reason: z.string().nullable() })),
});
export const createReturnResultSchema = z.discriminatedUnion('ok', [
  createReturnAcceptedSchema,
  createReturnRefusedSchema,
]);
/** What a 422 from POST /returns carries: the rules' refusal, or the error shape (a line not on the order, more units than were shipped). */
export const createReturnUnprocessableSchema = z
  .union([createReturnRefusedSchema, errorResponse])
  .describe("The shop's rules refuse the return (`ok: false`), or the request cannot be processed (the error shape)");

/** GET /returns/:id/slip: the printable slip, in the shop's language unless asked. */
export const returnSlipQuerySchema = z.object({ lang: z.enum(['en', 'fr']).optional() });
/** The slip is an HTML page to print, not JSON. */
export const returnSlipResponse = {
  description: 'The printable return slip, an HTML page',
  content: { 'text/html': { schema: z.string() } },
};

export const returnActionBodySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('approve') }),
  z.object({
    type: z.literal('decline'),
    reason: z.enum(['final_sale', 'window_ended', 'other']),
    note: safeText(500).nullish(),
  }),
  z.object({
    type: z.literal('ship'),
    trackingNumber: safeText(60).nullish(),
    trackingUrl: z
      .url({ protocol: /^https?$/ })
      .pipe(safeText(2000))
      .nullish(),
    labelUrl: z
      .url({ protocol: /^https?$/ })
      .pipe(safeText(2000))
      .nullish(),
  }),
  z.object({ type: z.literal('refund') }),
  z.object({ type: z.literal('close') }),
]);

export const analyticsQuerySchema = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });
const rateSchema = z.object({
  key: z.string(),
  returned: z.number().int(),
  sold: z.number().int(),
  rate: z.number().nullable(),
});
const reasonShareSchema = z.object({ reason: z.string(), units: z.number().int(), share: z.number() });
export const returnAnalyticsSchema = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  returns: z.number().int(),
  unitsReturned: z.number().int(),
  bySku: z.array(rateSchema),
  byChannel: z.array(rateSchema),
  byReason: z.array(reasonShareSchema),
  topReasons: z.array(reasonShareSchema),
  hoursRequestToRefund: z.number().nullable(),
  hoursReceiptToRefund: z.number().nullable(),
  shareRestocked: z.number().nullable(),
  valueRecovered: z.number(),
  costOfReturns: z.number(),
  byState: z.array(z.object({ state: returnStateSchema, count: z.number().int() })),
});

export const returnPolicySchema = z.object({
  customerRequests: z.boolean(),
  windowDays: z.number().int().min(0).max(365),
  autoApprove: z.boolean(),
  excludedSkus: z.array(safeText(100)).max(500),
  excludedTags: z.array(safeText(100)).max(100),
  refundOn: z.enum(['receipt', 'grading', 'manual']),
  returnWarehouseIds: z.array(z.number().int().positive()).max(100),
  costPerReturn: z.number().min(0).max(10_000),
});

export type ReturnListQuery = z.infer<typeof returnListQuerySchema>;
export type ReturnSummaryDto = z.infer<typeof returnSummarySchema>;
export type ReturnListDto = z.infer<typeof returnListSchema>;
export type ReturnDetailDto = z.infer<typeof returnDetailSchema>;
export type ReturnLineDto = z.infer<typeof returnLineSchema>;
export type CreateReturnBody = z.infer<typeof createReturnBodySchema>;
export type CreateReturnResultDto = z.infer<typeof createReturnResultSchema>;
export type ReturnSlipQuery = z.infer<typeof returnSlipQuerySchema>;
export type ReturnActionBody = z.infer<typeof returnActionBodySchema>;
export type ReturnAnalyticsDto = z.infer<typeof returnAnalyticsSchema>;
export type ReturnPolicyDto = z.infer<typeof returnPolicySchema>;
export type ReturnState = z.infer<typeof returnStateSchema>;
