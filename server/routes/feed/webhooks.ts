import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import {
  deleteWebhookSubscription,
  getWebhookSubscription,
  putWebhookSubscription,
  type WebhookSubscription,
} from '../../../core/use-cases/feed/webhook-subscription.js';
import { bodyErrors, errorsFor } from './errors.js';
import { webhookSubscriptionBodySchema, webhookSubscriptionSchema } from './schemas.js';

const dto = (s: WebhookSubscription) => ({
  ...s,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

export async function feedWebhookRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['webhooks'];

  r.get(
    '/webhook-subscription',
    {
      schema: {
        operationId: 'getWebhookSubscription',
        tags,
        summary: 'Where we send your notifications',
        response: { 200: webhookSubscriptionSchema, ...errorsFor(404) },
      },
    },
    async (req) => dto(await getWebhookSubscription({ db: ctx.db }, { who: req.feed })),
  );

  r.put(
    '/webhook-subscription',
    {
      schema: {
        operationId: 'putWebhookSubscription',
        tags,
        summary: 'Subscribe to notifications (or change the subscription)',
        body: webhookSubscriptionBodySchema,
        description:
          'One subscription per warehouse. The answer carries the signing `secret` when the subscription is created or `rotateSecret` is true: store it, it is not shown again. See the `webhooks` section for what we send and how it is signed. Webhooks are hints: keep reading the feed as the source of truth.',
        response: { 200: webhookSubscriptionSchema, ...errorsFor(...bodyErrors) },
      },
    },
    async (req) =>
      dto(
        await putWebhookSubscription(
          { db: ctx.db, cipher: ctx.cipher, requireHttps: ctx.config.push.requireHttps },
          { who: req.feed, url: req.body.url, events: req.body.events, rotateSecret: req.body.rotateSecret },
        ),
      ),
  );

  r.delete(
    '/webhook-subscription',
    {
      schema: {
        operationId: 'deleteWebhookSubscription',
        tags,
        summary: 'Stop notifications',
        response: { 204: z.null().describe('Deleted'), ...errorsFor(404) },
      },
    },
    async (req, reply) => {
      await deleteWebhookSubscription({ db: ctx.db }, { who: req.feed });
      return reply.code(204).send(null);
    },
  );
}
