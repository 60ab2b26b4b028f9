import { createHash } from 'node:crypto';
import { z } from 'zod';
import { IntegrationError, RateLimitedError, RetriableIntegrationError } from '../../../errors.js';
import { channelFetch, type ChannelResponse } from '../http.js';
import { signAwsRequest, sqsRegionOf, type AwsCredentials } from './aws-sigv4.js';

const SERVICE = 'amazon';

/** Default usage plans of the operations the adapter calls (channels-3pl-carriers §1.2). */
export const amazonUsagePlans = {
  getMarketplaceParticipations: { rate: 0.016, burst: 15 },
  searchOrders: { rate: 0.0056, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  confirmShipment: { rate: 2, burst: 10 },
  patchListingsItem: { rate: 5, burst: 5 },
  createFeedDocument: { rate: 0.5, burst: 15 },
  createFeed: { rate: 0.0083, burst: 15 },
  getFeed: { rate: 2, burst: 15 },
  getFeedDocument: { rate: 0.0222, burst: 10 },
} as const;
export type AmazonOperation = keyof typeof amazonUsagePlans;

export interface AmazonClientConfig {
  accountId: number;
  baseUrl: string;
  lwaUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** Access tokens per account and refresh token, kept until a minute before they expire. */
export interface LwaTokenCache {
  get(key: string, now: number): string | null;
  set(key: string, token: string, expiresAt: number): void;
  drop(key: string): void;
}

export function createMemoryTokenCache(): LwaTokenCache {
  const m = new Map<string, { token: string; expiresAt: number }>();
  return {
    get: (key, now) => {
      const e = m.get(key);
      return e && e.expiresAt > now ? e.token : null;
    },
    set: (key, token, expiresAt) => void m.set(key, { token, expiresAt }),
    drop: (key) => void m.delete(key),
  };
}

/** One per process: adapters are built per job, the token outlives them (about an hour). */
export const processTokenCache = createMemoryTokenCache();
/** The rate each operation last announced in x-amzn-RateLimit-Limit, per account, for limits(). */
export const observedRates = new Map<string, number>();

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const EXPIRY_MARGIN_MS = 60_000;

/** Amazon's `{ errors: [{ code, message, details }] }`, or the LWA `{ error, error_description }`, as one line. */
export function amazonMessage(res: ChannelResponse): string {
  const b = res.body as
    | { errors?: { code?: string; message?: string; details?: string }[]; error?: string; error_description?: string }
    | string
    | null;
  if (b && typeof b === 'object') {
    const e = b.errors?.[0];
    if (e) return [e.code, e.message, e.details].filter(Boolean).join(': ');
    if (b.error) return `${b.error}: ${b.error_description ?? ''}`.trim();
  }
  return typeof b === 'string' && b ? b.slice(0, 200) : `HTTP ${res.status}`;
}

/** The wait after a 429: one token at the announced rate plus Amazon's suggested margin (bizon's rule). */
export function throttleWaitMs(res: ChannelResponse, op: AmazonOperation): number {
  const announced = Number(res.headers.get('x-amzn-ratelimit-limit'));
  const rate = Number.isFinite(announced) && announced > 0 ? announced : amazonUsagePlans[op].rate;
  return Math.ceil(1000 / rate + 1500);
}

/**
 * SP-API calls with a Login-with-Amazon access token (refresh-token grant, cached until it
 * expires; a 403 for an expired token refreshes once), Amazon's error bodies turned into the
 * errors tree: 429 → RateLimitedError with the wait the usage plan implies, 5xx → retriable.
 */
export function createAmazonClient(cfg: AmazonClientConfig, cache: LwaTokenCache = processTokenCache) {
  const cacheKey = `${cfg.accountId}:${createHash('sha256').update(`${cfg.clientId}\n${cfg.refreshToken}`).digest('hex')}`;

  const token = async (): Promise<string> => {
    const cached = cache.get(cacheKey, Date.now());
    if (cached) return cached;
    const res = await channelFetch({
      service: SERVICE,
      url: cfg.lwaUrl,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: cfg.refreshToken,
        client_id: cfg.clientId,
        client_secret: cfg.clientSecret,
      }),
    });
    if (res.status === 429) throw new RateLimitedError(`LWA token: ${amazonMessage(res)}`, SERVICE, 5_000);
    if (res.status >= 500) throw new RetriableIntegrationError(`LWA token answered ${res.status}`, SERVICE);
    if (res.status >= 400)
      throw new IntegrationError(`LWA token refused: ${amazonMessage(res)}`, SERVICE, { status: res.status });
    const t = tokenSchema.parse(res.body);
    cache.set(cacheKey, t.access_token, Date.now() + t.expires_in * 1000 - EXPIRY_MARGIN_MS);
    return t.access_token;
  };

  const call = async (
    op: AmazonOperation,
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body?: unknown,
    retried = false,
  ): Promise<ChannelResponse> => {
    const url = new URL(path.replace(/^\//, ''), cfg.baseUrl.endsWith('/') ? cfg.baseUrl : `${cfg.baseUrl}/`);
    const headers: Record<string, string> = {
      'x-amz-access-token': await token(),
      accept: 'application/json',
      'user-agent': 'logistics-app/1.0 (Language=TypeScript)',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await channelFetch({
      service: SERVICE,
      url: url.toString(),
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const announced = Number(res.headers.get('x-amzn-ratelimit-limit'));
    if (Number.isFinite(announced) && announced > 0) observedRates.set(`${cfg.accountId}:${op}`, announced);
    if (res.status === 403 && !retried && /expired/i.test(amazonMessage(res))) {
      cache.drop(cacheKey);
      return call(op, method, path, body, true);
    }
    if (res.status === 429)
      throw new RateLimitedError(`${op}: ${amazonMessage(res)}`, SERVICE, throttleWaitMs(res, op));
    if (res.status >= 500)
      throw new RetriableIntegrationError(`${op} answered ${res.status}: ${amazonMessage(res)}`, SERVICE);
    return res;
  };

  return {
    call,
    /** throws for any 4xx: for calls where a refusal is a fault, not an outcome */
    async callOk(op: AmazonOperation, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) {
      const res = await call(op, method, path, body);
      if (res.status >= 400)
        throw new IntegrationError(`${op} answered ${res.status}: ${amazonMessage(res)}`, SERVICE, {
          status: res.status,
        });
      return res;
    },
    rate(op: AmazonOperation): number {
      return observedRates.get(`${cfg.accountId}:${op}`) ?? amazonUsagePlans[op].rate;
    },
  };
}
export type AmazonClient = ReturnType<typeof createAmazonClient>;

/**
 * The SQS JSON protocol (X-Amz-Target) against the queue's regional endpoint, signed with
 * SigV4 when an AWS key pair is given and the host names its region (the simulator takes
 * unsigned calls).
 */
export function createSqsClient(queueUrl: string, aws: AwsCredentials | null) {
  const endpoint = `${new URL(queueUrl).origin}/`;
  const region = sqsRegionOf(queueUrl);
  return async (action: 'ReceiveMessage' | 'DeleteMessage', body: Record<string, unknown>): Promise<unknown> => {
    const payload = JSON.stringify({ QueueUrl: queueUrl, ...body });
    const headers: Record<string, string> = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `AmazonSQS.${action}`,
    };
    if (aws && region)
      Object.assign(
        headers,
        signAwsRequest(
          { method: 'POST', url: endpoint, headers, body: payload },
          aws,
          { region, service: 'sqs' },
          new Date(),
        ),
      );
    const res = await channelFetch({
      service: 'amazon-sqs',
      url: endpoint,
      method: 'POST',
      headers,
      body: payload,
      // long polling holds the call up to WaitTimeSeconds
      timeoutMs: 25_000,
    });
    if (res.status >= 500 || res.status === 429)
      throw new RetriableIntegrationError(`SQS ${action} answered ${res.status}`, 'amazon-sqs');
    if (res.status >= 400) {
      const b = res.body as { __type?: string; message?: string } | null;
      throw new IntegrationError(
        `SQS ${action}: ${b?.__type?.split('#')[1] ?? res.status} ${b?.message ?? ''}`.trim(),
        'amazon-sqs',
      );
    }
    return res.body;
  };
}
