import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { createFeedReadbackRepo } from '../../../core/db/feed-readback-repo.js';
import { applyInventorySnapshot } from '../../../core/use-cases/feed/apply-inventory-snapshot.js';
import { runIdempotent } from '../../../core/use-cases/feed/run-idempotent.js';
import { bodyErrors, errorsFor } from './errors.js';
import { snapshotBodySchema, snapshotResultSchema, stockPageSchema } from './schemas.js';
import { sendIdempotent } from './shipments.js';

type SnapshotResult = z.infer<typeof snapshotResultSchema>;

export async function feedInventoryRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inventory'];
  const readback = createFeedReadbackRepo(ctx.db);

  r.post(
    '/inventory-snapshots',
    {
      schema: {
        operationId: 'createInventorySnapshot',
        tags,
        summary: 'Report what you hold',
        body: snapshotBodySchema,
        description:
          'Your count is the truth: differences become correction movements in our ledger. SKUs we do not know are listed back. `snapshotId` is the idempotency key (scoped to your warehouse, kept at least 7 days): the same id with the same items changes nothing and answers `corrections: []` with `Idempotent-Replayed: true`; the same id with other items is a 422 `idempotency_key_reused`.',
        response: { 200: snapshotResultSchema, ...errorsFor(422, ...bodyErrors) },
      },
    },
    async (req, reply) => {
      const answer = await runIdempotent<SnapshotResult>(
        { db: ctx.db },
        { who: req.feed, scope: 'createInventorySnapshot', key: req.body.snapshotId, request: req.body },
        async () => {
          const out = await applyInventorySnapshot(
            { db: ctx.db, queues: ctx.queues },
            {
              who: req.feed,
              snapshotId: req.body.snapshotId,
              takenAt: new Date(req.body.takenAt),
              items: req.body.items,
            },
          );
          return {
            statusCode: 200,
            body: { items: out.items, corrections: out.corrections, unknownSkus: out.unknownSkus },
          };
        },
      );
      // a repeated count corrects nothing: say so rather than echo the first count's corrections
      return sendIdempotent(reply, answer.replayed ? { ...answer, body: { ...answer.body, corrections: [] } } : answer);
    },
  );

  r.get(
    '/stock',
    {
      schema: {
        operationId: 'listStock',
        tags,
        summary: 'What we believe you hold',
        description:
          'Our stock levels for your warehouse, by SKU: compare with your own count before you send a snapshot. Keyset pagination by SKU.',
        querystring: z.object({
          sku: z.string().max(4000).optional().describe('Comma-separated SKUs to read only those'),
          cursor: z.string().max(255).optional().describe('The `nextCursor` of the previous page'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: stockPageSchema, ...errorsFor() },
      },
    },
    async (req) => {
      const q = req.query;
      const skus = q.sku
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const items = await readback.listStock(req.feed.shopId, req.feed.warehouseId, {
        afterSku: q.cursor,
        limit: q.limit,
        skus,
      });
      return {
        items: items.map((l) => ({
          sku: l.sku,
          onHand: l.onHand,
          reserved: l.reserved,
          available: Math.max(0, l.onHand - l.reserved),
          updatedAt: l.updatedAt.toISOString(),
        })),
        nextCursor: items.length === q.limit ? items.at(-1)!.sku : null,
      };
    },
  );
}
