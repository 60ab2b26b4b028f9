import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.js';

/**
 * The one error shape every client sees: `{ error: { code, message, details? } }`.
 * 5xx answers never carry the real message or a stack; the log has it, keyed by request id.
 */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(errorBody('not_found', `No route for ${req.method} ${req.url.split('?')[0]}`));
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.code(400).send(
        errorBody(
          'invalid_request',
          'The request does not match the expected shape',
          err.validation.map((v) => ({
            path: `${err.validationContext ?? 'body'}${v.instancePath ? v.instancePath.replaceAll('/', '.') : ''}`,
            message: v.message,
          })),
        ),
      );
    }
    if (err instanceof ValidationError)
      return reply.code(err.status).send(errorBody(err.code, err.message, err.details));
    if (err instanceof UnauthorizedError) return reply.code(401).send(errorBody(err.code, err.message));
    if (err instanceof NotFoundError) return reply.code(404).send(errorBody(err.code, err.message));
    if (err instanceof ConflictError) return reply.code(409).send(errorBody(err.code, err.message, err.details));
    if (err instanceof AppError && err.code === 'forbidden')
      return reply.code(403).send(errorBody(err.code, err.message));

    const status = err.statusCode ?? 500;
    if (status === 413) return reply.code(413).send(errorBody('payload_too_large', 'The request body is too large'));
    if (status === 415) return reply.code(415).send(errorBody('unsupported_media_type', 'Unsupported content type'));
    if (status === 429) return reply.code(429).send(errorBody('rate_limited', 'Too many requests'));
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, wrong content length): safe to describe.
      return reply.code(status).send(errorBody(err.code ? err.code.toLowerCase() : 'bad_request', err.message));
    }
    req.log.error({ err }, 'request failed');
    const code = status === 503 ? 'unavailable' : 'internal_error';
    const message =
      status === 503
        ? 'Service temporarily unavailable, retry later'
        : 'Something went wrong; the request id identifies it in our logs';
    return reply
      .code(status >= 500 && status < 600 ? status : 500)
      .send(errorBody(code, message, { requestId: req.id }));
  });
}
