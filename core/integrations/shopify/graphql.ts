import { GraphqlQueryError, HttpResponseError, type Shopify } from '@shopify/shopify-api';
import { IntegrationError, RateLimitedError, RetriableIntegrationError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { createCoalescer, operationName, type SendRequest } from './coalesce.js';
import type { ShopTokens } from './tokens.js';

/** Shopify's cost report on every Admin GraphQL response. */
export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

export interface GraphqlDeps {
  api: Shopify;
  tokens: ShopTokens;
  log: Logger;
  /** attempts for THROTTLED, 5xx and network errors before giving up */
  maxAttempts?: number;
  /** Shopify's single-query cost limit, which a coalesced document stays under */
  maxQueryCost?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

interface Bucket {
  available: number;
  max: number;
  restoreRate: number;
  at: number;
}

/** One mutation's `userErrors`, surfaced as a typed, non-retriable failure. */
export class ShopifyUserError extends IntegrationError {
  constructor(
    readonly operation: string,
    readonly userErrors: { field?: string[] | null; message: string; code?: string | null }[],
  ) {
    super(
      `${operation}: ${userErrors.map((e) => `${e.code ? `${e.code} ` : ''}${e.message}`).join('; ')}`,
      'shopify',
      userErrors,
    );
  }
}

/** Throws ShopifyUserError when a mutation payload carries userErrors. */
export function assertNoUserErrors<
  T extends { userErrors?: { field?: string[] | null; message: string; code?: string | null }[] | null },
>(operation: string, payload: T | null | undefined): T {
  if (!payload) throw new IntegrationError(`${operation} returned nothing`, 'shopify');
  if (payload.userErrors && payload.userErrors.length > 0) throw new ShopifyUserError(operation, payload.userErrors);
  return payload;
}

/**
 * Admin GraphQL with Shopify's budget in mind: it remembers each shop's leaky bucket from
 * `extensions.cost.throttleStatus`, waits before a call the bucket cannot afford, retries
 * THROTTLED, 429 and 5xx with backoff and jitter, and logs what each query cost.
 */
export function createShopifyGraphql(deps: GraphqlDeps) {
  const maxAttempts = deps.maxAttempts ?? 6;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = deps.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  const lastCost = new Map<string, number>();
  const stats = { calls: 0, throttled: 0, retries: 0, costSpent: 0 };

  const estimateAvailable = (b: Bucket) => Math.min(b.max, b.available + ((now() - b.at) / 1000) * b.restoreRate);
  const jitter = (base: number) => Math.round(base / 2 + Math.random() * (base / 2));

  async function pace(shop: string, expectedCost: number): Promise<void> {
    const b = buckets.get(shop);
    if (!b) return;
    const deficit = expectedCost - estimateAvailable(b);
    if (deficit > 0) await sleep(Math.ceil((deficit / b.restoreRate) * 1000));
  }

  function remember(shop: string, op: string, cost: QueryCost | undefined, copies = 1) {
    if (!cost?.throttleStatus) return;
    const t = cost.throttleStatus;
    buckets.set(shop, {
      available: t.currentlyAvailable,
      max: t.maximumAvailable,
      restoreRate: t.restoreRate,
      at: now(),
    });
    lastCost.set(op, cost.requestedQueryCost / copies);
    stats.costSpent += cost.actualQueryCost ?? cost.requestedQueryCost;
  }

  const send: SendRequest = async <T>(
    shop: string,
    query: string,
    variables: Record<string, unknown> | undefined,
    batchOf?: { op: string; n: number },
  ): Promise<T> => {
    // a batch is paced and remembered as its copies: what one copy costs sizes the next batch
    const op = batchOf?.op ?? operationName(query);
    const copies = batchOf?.n ?? 1;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      await pace(shop, (lastCost.get(op) ?? 10) * copies);
      const accessToken = await deps.tokens.accessToken(shop);
      const client = new deps.api.clients.Graphql({ session: { shop, accessToken } as never });
      stats.calls++;
      try {
        const res = await client.request<T>(query, { variables });
        const cost = (res.extensions as { cost?: QueryCost } | undefined)?.cost;
        remember(shop, op, cost, copies);
        deps.log.debug(
          {
            shop,
            op,
            copies,
            cost: cost?.actualQueryCost ?? cost?.requestedQueryCost,
            available: cost?.throttleStatus.currentlyAvailable,
          },
          'shopify graphql',
        );
        return res.data as T;
      } catch (e) {
        if (e instanceof GraphqlQueryError) {
          const body = e.body as
            | { errors?: { graphQLErrors?: { extensions?: { code?: string } }[] }; extensions?: { cost?: QueryCost } }
            | undefined;
          const code = body?.errors?.graphQLErrors?.[0]?.extensions?.code;
          remember(shop, op, body?.extensions?.cost, copies);
          if (code === 'THROTTLED') {
            stats.throttled++;
            const cost = body?.extensions?.cost;
            const wait = cost
              ? Math.max(
                  100,
                  ((cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable) /
                    cost.throttleStatus.restoreRate) *
                    1000,
                )
              : 1000;
            if (attempt >= maxAttempts) throw new RateLimitedError(`${op} throttled by Shopify`, 'shopify', wait);
            stats.retries++;
            await sleep(jitter(wait * 2));
            continue;
          }
          throw new IntegrationError(`${op}: ${e.message}`, 'shopify', body?.errors);
        }
        const status = e instanceof HttpResponseError ? e.response.code : undefined;
        if (status === 401 && !refreshed) {
          refreshed = true;
          await deps.tokens.invalidate(shop);
          continue;
        }
        if (status === 401 || status === 403 || status === 404)
          throw new IntegrationError(`${op}: Shopify answered ${status}`, 'shopify', { status });
        // 429 (honouring Retry-After), 5xx, network: transient
        const retryAfterS =
          e instanceof HttpResponseError ? (e.response as { retryAfter?: number }).retryAfter : undefined;
        const wait = retryAfterS ? retryAfterS * 1000 : jitter(Math.min(30_000, 500 * 2 ** attempt));
        if (attempt >= maxAttempts) {
          throw status === 429
            ? new RateLimitedError(`${op}: rate limited`, 'shopify', wait)
            : new RetriableIntegrationError(`${op}: ${(e as Error).message}`, 'shopify');
        }
        stats.retries++;
        await sleep(wait);
      }
    }
  };
  const coalescer = createCoalescer(send, {
    maxQueryCost: deps.maxQueryCost ?? 1000,
    costOf: (op) => lastCost.get(op),
  });

  return {
    stats,
    /**
     * Runs one operation for a shop and returns its data. With `coalesceMs`, calls of the same
     * one-field operation for the same shop made within that window share one request.
     */
    request<T>(
      shop: string,
      query: string,
      variables?: Record<string, unknown>,
      opts?: { coalesceMs?: number },
    ): Promise<T> {
      return opts?.coalesceMs
        ? coalescer.add<T>(shop, query, variables, opts.coalesceMs)
        : send<T>(shop, query, variables);
    },
  };
}

export type ShopifyGraphql = ReturnType<typeof createShopifyGraphql>;
