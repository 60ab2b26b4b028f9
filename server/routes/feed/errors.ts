import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../../core/errors.js';
import { errorSchema } from './schemas.js';

/**
 * The feed's error responses, per status, with the codes each can carry. Operations list the
 * statuses they can answer; the handler below only ever sends these codes, so the document
 * holds for every error a client sees. Framework codes (`FST_ERR_*`) are mapped, never shown.
 */
export const feedErrors = {
  400: errorSchema(['invalid_request'], 'The request does not match the documented shape; `details` names each field'),
  401: errorSchema(['invalid_key'], 'No key, or a key that is unknown or revoked'),
  404: errorSchema(['not_found'], 'No such resource for your warehouse'),
  409: errorSchema(
    ['invalid_state', 'lease_required', 'lease_mismatch', 'not_leased'],
    'The resource is not in a state that allows this; `details` says which state',
  ),
  413: errorSchema(['payload_too_large'], 'The body is larger than allowed'),
  415: errorSchema(['unsupported_media_type'], 'Send `content-type: application/json`'),
  422: errorSchema(
    ['shipment_exceeds_allocation', 'idempotency_key_reused'],
    'Well-formed but refused: `details` says why',
  ),
  429: errorSchema(['rate_limited'], 'Too many requests for this key: wait `Retry-After` seconds'),
  500: errorSchema(['internal_error'], 'Our fault; `x-request-id` identifies it in our logs'),
  503: errorSchema(['unavailable'], 'Temporarily unavailable; retry with backoff'),
} as const;
export type FeedErrorStatus = keyof typeof feedErrors;

/** The error statuses of an operation: the common ones plus those named. */
export function errorsFor(...extra: FeedErrorStatus[]) {
  const statuses: FeedErrorStatus[] = [400, 401, 429, 500, 503, ...extra];
  return Object.fromEntries([...new Set(statuses)].sort().map((s) => [s, feedErrors[s]])) as {
    [S in FeedErrorStatus]?: (typeof feedErrors)[S];
  };
}
export const bodyErrors: FeedErrorStatus[] = [413, 415];

type Detail = { path?: string; message: string };

/** Any `details` value as the one documented shape: a list of `{ path?, message }`. */
export function toDetails(details: unknown): Detail[] | undefined {
  if (details === undefined || details === null) return undefined;
  if (Array.isArray(details)) {
    return details.map((d) =>
      typeof d === 'object' && d !== null && 'message' in d
        ? { ...('path' in d && d.path !== undefined ? { path: String(d.path) } : {}), message: String(d.message) }
        : { message: typeof d === 'string' ? d : JSON.stringify(d) },
    );
  }
  if (typeof details === 'object') {
    return Object.entries(details as Record<string, unknown>).map(([path, v]) => ({
      path,
      message: v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : JSON.stringify(v),
    }));
  }
  return [{ message: String(details) }];
}

const body = (code: string, message: string, details?: unknown) => {
  const d = toDetails(details);
  return { error: d ? { code, message, details: d } : { code, message } };
};

/** Maps every error of the feed to its documented status and code. */
export function feedErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(err)) {
    return reply.code(400).send(
      body(
        'invalid_request',
        'The request does not match the expected shape',
        err.validation.map((v) => ({
          path: `${err.validationContext ?? 'body'}${v.instancePath ? v.instancePath.replaceAll('/', '.') : ''}`,
          message: v.message ?? 'invalid',
        })),
      ),
    );
  }
  if (err instanceof ValidationError)
    return reply.code(err.status === 413 ? 413 : err.status).send(body(err.code, err.message, err.details));
  if (err instanceof NotFoundError) return reply.code(404).send(body('not_found', err.message));
  if (err instanceof ConflictError)
    return reply.code(409).send(body(err.code === 'conflict' ? 'invalid_state' : err.code, err.message, err.details));
  if (err instanceof AppError && err.code === 'invalid_key')
    return reply.code(401).send(body('invalid_key', err.message));

  const status = err.statusCode ?? 500;
  if (status === 413) return reply.code(413).send(body('payload_too_large', 'The request body is too large'));
  if (status === 415)
    return reply.code(415).send(body('unsupported_media_type', 'Send JSON with content-type: application/json'));
  if (status === 429) return reply.code(429).send(body('rate_limited', err.message || 'Too many requests'));
  // Fastify's own client errors (bad JSON, empty body): described, under our code
  if (status >= 400 && status < 500) return reply.code(400).send(body('invalid_request', err.message));
  req.log.error({ err }, 'feed request failed');
  if (status === 503) return reply.code(503).send(body('unavailable', 'Service temporarily unavailable, retry later'));
  return reply
    .code(500)
    .send(body('internal_error', 'Something went wrong; the x-request-id header identifies it in our logs'));
}
