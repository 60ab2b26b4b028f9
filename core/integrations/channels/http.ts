import { RetriableIntegrationError } from '../../errors.js';

/** What an adapter gets back from a marketplace call: status, headers and the parsed body. */
export interface ChannelResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface ChannelRequest {
  service: string;
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | FormData | URLSearchParams;
  timeoutMs?: number;
  /** the body as bytes (a compressed document), not as text or JSON */
  bytes?: boolean;
}

/**
 * One HTTP call with a deadline. A network failure or a timeout is retriable; every status is
 * returned for the adapter to classify, since each marketplace shapes its errors differently.
 */
export async function channelFetch(req: ChannelRequest): Promise<ChannelResponse> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(req.timeoutMs ?? 15_000),
    });
  } catch (e) {
    throw new RetriableIntegrationError(
      `${req.service} ${req.method} ${new URL(req.url).pathname}: ${(e as Error).message}`,
      req.service,
    );
  }
  if (req.bytes) return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  const text = await res.text();
  let body: unknown = text;
  if (text && (res.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, headers: res.headers, body };
}

/** Retry-After in seconds or as an HTTP date, in milliseconds; `fallbackMs` when absent. */
export function retryAfterMs(headers: Headers, fallbackMs: number, now = Date.now()): number {
  const v = headers.get('retry-after');
  if (!v) return fallbackMs;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? fallbackMs : Math.max(0, at - now);
}
