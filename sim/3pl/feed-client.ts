import type { z } from 'zod';
import { createHttpSender } from '../shopify/core/http-sender.js';
import type { Prng } from '../shopify/core/prng.js';
import { errorBodySchema } from './feed-schemas.js';
import type { RetryOptions } from './options.js';

/** The app could not be reached, or kept failing, through every retry. */
export class FeedUnavailableError extends Error {
  constructor(
    message: string,
    readonly lastStatus: number | null,
  ) {
    super(message);
    this.name = 'FeedUnavailableError';
  }
}

/** A final answer of the feed: a success parsed against its schema, or a 4xx refusal. */
export type FeedOutcome<T> =
  | { ok: true; status: number; value: T; ambiguous: boolean }
  | { ok: false; status: number; code: string; message: string; details: unknown; ambiguous: boolean };

/** One request to the feed. `path` is relative to /feed/v1. */
export interface FeedRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  idempotencyKey?: string;
}

/** Hooks the client reports through (the robot counts them). */
export interface FeedClientHooks {
  onRetry?: (req: FeedRequest, reason: string, waitMs: number) => void;
}

/** Options of {@link createFeedClient}. */
export interface FeedClientOptions {
  appUrl: string;
  apiKey: string;
  retry: RetryOptions;
  random: Prng;
  hooks?: FeedClientHooks;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function refused(e: unknown): boolean {
  return (e as { code?: string }).code === 'ECONNREFUSED';
}

/**
 * A client of the feed over plain HTTP: bearer key, JSON, and retries with exponential backoff
 * and jitter on 5xx, 429 (waiting at least its Retry-After) and network errors. `ambiguous` says
 * an earlier attempt may have reached the app, so a "nothing changed" answer can be our own.
 */
export function createFeedClient(opts: FeedClientOptions) {
  const base = `${opts.appUrl.replace(/\/+$/, '')}/feed/v1`;
  const http = createHttpSender();
  const backoff = (attempt: number): number =>
    Math.round(Math.min(opts.retry.maxMs, opts.retry.baseMs * 2 ** (attempt - 1)) * (0.5 + opts.random.next() / 2));

  async function send<T>(req: FeedRequest, schema: z.ZodType<T>): Promise<FeedOutcome<T>> {
    let ambiguous = false;
    let lastError = '';
    let lastStatus: number | null = null;
    for (let attempt = 1; attempt <= opts.retry.attempts; attempt++) {
      let wait = backoff(attempt);
      try {
        const headers: Record<string, string> = { authorization: `Bearer ${opts.apiKey}`, accept: 'application/json' };
        if (req.body !== undefined) headers['content-type'] = 'application/json';
        if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
        const res = await http.send(`${base}${req.path}`, {
          method: req.method,
          headers,
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          timeoutMs: opts.retry.timeoutMs,
        });
        // a body cut short is a network error, as fetch's text() would throw
        if (res.bodyError) throw res.bodyError;
        const text = res.body;
        lastStatus = res.status;
        if (res.status === 429 || res.status >= 500) {
          if (res.status >= 500) ambiguous = true;
          const retryAfter = Number(res.headers['retry-after']);
          if (res.status === 429 && Number.isFinite(retryAfter) && retryAfter > 0)
            wait = Math.max(wait, retryAfter * 1000);
          lastError = `${req.method} ${req.path} answered ${res.status}`;
        } else {
          const json: unknown = text ? JSON.parse(text) : null;
          if (res.status >= 400) {
            const err = errorBodySchema.safeParse(json);
            return {
              ok: false,
              status: res.status,
              code: err.success ? err.data.error.code : 'unknown',
              message: err.success ? err.data.error.message : text.slice(0, 300),
              details: err.success ? err.data.error.details : undefined,
              ambiguous,
            };
          }
          const parsed = schema.safeParse(json);
          if (!parsed.success)
            throw new FeedUnavailableError(
              `${req.method} ${req.path}: unexpected answer ${text.slice(0, 300)}`,
              res.status,
            );
          return { ok: true, status: res.status, value: parsed.data, ambiguous };
        }
      } catch (e) {
        if (e instanceof FeedUnavailableError) throw e;
        if (!refused(e)) ambiguous = true;
        lastError = `${req.method} ${req.path}: ${(e as Error).message}`;
      }
      if (attempt < opts.retry.attempts) {
        opts.hooks?.onRetry?.(req, lastError, wait);
        await sleep(wait);
      }
    }
    throw new FeedUnavailableError(`${lastError} (gave up after ${opts.retry.attempts} attempts)`, lastStatus);
  }

  return { send, base };
}

/** A feed client; see {@link createFeedClient}. */
export type FeedClient = ReturnType<typeof createFeedClient>;
