import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyBodyHmac } from '../../../core/integrations/shopify/hmac.js';
import { storableBody } from '../../../core/integrations/shopify/storable-body.js';
import type { NewInboxEvent } from '../../../core/db/inbox-repo.js';
import { errorBody } from '../../plugins/error-handler.js';
import { withTimeout } from '../../../core/async/with-timeout.js';

export interface WebhookRouteDeps {
  secrets: readonly string[];
  bodyLimit: number;
  record(event: NewInboxEvent): Promise<{ inboxId: number; duplicate: boolean }>;
}

/**
 * Shopify gives up on a delivery after 5 s and retries it; an answer it never sees is worth
 * nothing, so a write still waiting (Postgres away) answers 503 in time. If the write lands
 * afterwards, the retry finds its event id and is acknowledged without a second row.
 */
const RECORD_DEADLINE_MS = 3000;

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Shopify webhook intake. The signature is checked in constant time over the raw bytes before
 * anything is parsed; the event is acknowledged only once its inbox row is committed. The
 * raw-body parser is scoped to this plugin.
 */
export async function shopifyWebhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.bodyLimit }, (_req, body, done) =>
    done(null, body),
  );

  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    const raw = req.body;
    if (!Buffer.isBuffer(raw) || raw.length === 0)
      return reply.code(401).send(errorBody('invalid_signature', 'Missing body or signature'));
    if (!verifyBodyHmac(raw, header(req, 'x-shopify-hmac-sha256'), deps.secrets)) {
      return reply.code(401).send(errorBody('invalid_signature', 'HMAC signature does not match the body'));
    }
    const topic = header(req, 'x-shopify-topic');
    const shopDomain = header(req, 'x-shopify-shop-domain');
    const webhookId = header(req, 'x-shopify-webhook-id');
    const eventId = header(req, 'x-shopify-event-id') ?? webhookId;
    if (!topic || !shopDomain || !eventId) {
      return reply
        .code(400)
        .send(
          errorBody('missing_headers', 'X-Shopify-Topic, X-Shopify-Shop-Domain and X-Shopify-Webhook-Id are required'),
        );
    }
    const { body, storable } = storableBody(raw);
    const triggered = header(req, 'x-shopify-triggered-at');
    const triggeredAt = triggered ? new Date(triggered) : null;
    try {
      await withTimeout(
        deps.record({
          source: 'shopify',
          eventId,
          shopDomain: shopDomain.toLowerCase(),
          topic: topic.toLowerCase(),
          webhookId: webhookId ?? null,
          apiVersion: header(req, 'x-shopify-api-version') ?? null,
          triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null,
          body,
          ...(storable
            ? {}
            : {
                status: 'dead' as const,
                lastError: 'body holds NUL characters, which cannot be stored; they are shown escaped',
              }),
        }),
        RECORD_DEADLINE_MS,
        'recording the webhook',
      );
    } catch (err) {
      // not durable, so not acknowledged: Shopify retries
      req.log.error({ err }, 'webhook not recorded');
      return reply.code(503).send(errorBody('unavailable', 'Service temporarily unavailable, retry later'));
    }
    return reply.code(200).send();
  };

  app.post('/webhooks', handle);
  app.post('/webhooks/compliance', handle);
}
