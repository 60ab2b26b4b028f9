import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerEmailDeps, type AppContext } from '../../../core/context.js';
import { safeText } from '../../../core/contracts/safe-text.js';
import { grades } from '../../../core/domain/returns/grading.js';
import { listExpectedReturns } from '../../../core/use-cases/returns/expected-returns.js';
import { receiveReturn } from '../../../core/use-cases/returns/receive-return.js';
import { bodyErrors, errorsFor } from './errors.js';
import { rfc3339 } from './rfc3339.js';
import { errorSchema } from './schemas.js';
import { idempotencyKeyHeader, idParams } from './schemas.js';

const expectedReturnSchema = z
  .object({
    id: z.number().int().describe('Return id: use it to post the receipt'),
    rma: z.string().describe('The RMA number printed on the slip in the parcel (barcode Code 128)'),
    orderName: z.string().nullable(),
    state: z.enum(['approved', 'in_transit']),
    approvedAt: z.iso.datetime({ offset: true }).nullable(),
    trackingNumber: z
      .string()
      .nullable()
      .describe("The return parcel's tracking number, when the merchant provided a label"),
    lines: z.array(
      z.object({ lineId: z.number().int(), sku: z.string().nullable(), title: z.string(), quantity: z.number().int() }),
    ),
  })
  .meta({ id: 'ExpectedReturn' });

const receiptBodySchema = z
  .strictObject({
    receivedAt: rfc3339,
    lines: z
      .array(
        z.strictObject({
          lineId: z.number().int().positive(),
          quantity: z.number().int().positive(),
          grade: z
            .enum(grades)
            .describe(
              'resellable: back to sellable stock; refurbish: held for work; damaged: counted as damaged, never sold; missing: not in the parcel',
            ),
          photoUrls: z
            .array(z.url({ protocol: /^https?$/ }).pipe(safeText(2000)))
            .max(20)
            .default([]),
        }),
      )
      .min(1)
      .max(200)
      .describe(
        'Several entries per line split its units across grades; together they never exceed the returned quantity',
      ),
  })
  .meta({ id: 'ReturnReceipt' });

const receiptResultSchema = z
  .object({
    returnId: z.number().int(),
    rma: z.string().nullable(),
    created: z.boolean().describe('false when this Idempotency-Key was already recorded: nothing changed'),
    state: z.string(),
    restocked: z.number().int(),
    damaged: z.number().int(),
  })
  .meta({ id: 'ReturnReceiptResult' });

/** Returns in the 3PL feed: what to expect, and the receipt with a grade per unit. */
export async function feedReturnRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/returns/expected',
    {
      schema: {
        operationId: 'listExpectedReturns',
        tags: ['returns'],
        summary: 'Returns on their way to your warehouse',
        description:
          'Returns the merchant approved that name your warehouse, with the RMA printed on the slip in the parcel.',
        response: {
          200: z.object({ items: z.array(expectedReturnSchema) }).describe('The expected returns'),
          ...errorsFor(),
        },
      },
    },
    async (req) => ({ items: await listExpectedReturns({ db: ctx.db }, req.feed) }),
  );

  r.post(
    '/returns/:id/receipts',
    {
      schema: {
        operationId: 'createReturnReceipt',
        tags: ['returns'],
        summary: 'Report a return received and graded',
        params: idParams,
        body: receiptBodySchema,
        headers: z.object({
          'idempotency-key': idempotencyKeyHeader.describe(
            'Your unique id for this receipt; a retry with the same key changes nothing',
          ),
        }),
        description:
          'Resellable units go back to sellable stock; damaged ones to the damaged quantity. Same key and body: the first answer again (200). Same key, other body: 409.',
        response: {
          200: receiptResultSchema.describe('Already recorded under this key: nothing changed'),
          201: receiptResultSchema.describe('Recorded'),
          ...errorsFor(404, 409, ...bodyErrors),
          422: errorSchema(
            ['receipt_exceeds_return', 'unknown_line', 'unknown_sku'],
            'Well-formed but refused: more units than are left to receive on a line, a line or SKU not in the return; `details` says which',
          ),
        },
      },
    },
    async (req, reply) => {
      const out = await receiveReturn(
        {
          db: ctx.db,
          queues: ctx.queues,
          log: ctx.log,
          customers: customerEmailDeps(ctx),
        },
        {
          who: req.feed,
          returnId: req.params.id,
          idempotencyKey: req.headers['idempotency-key'],
          receivedAt: new Date(req.body.receivedAt),
          lines: req.body.lines,
          now: new Date(),
        },
      );
      return reply.code(out.created ? 201 : 200).send(out);
    },
  );
}
