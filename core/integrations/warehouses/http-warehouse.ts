import { IntegrationError, RateLimitedError, RetriableIntegrationError } from '../../errors.js';
import { postJson } from './push-client.js';
import { signStandardWebhook } from './standard-webhooks.js';
import type { DispatchOrder, HttpWarehouseConfig, WarehouseAdapter } from './warehouse.js';

/**
 * For 3PLs that take webhooks: JSON signed with Standard Webhooks headers, our idempotency key on every push (so a retry is
 * recognised as the same order), 4xx refusals are final, 429/5xx/timeouts are retried.
 */
export function createHttpWarehouse(cfg: HttpWarehouseConfig, now: () => number = Date.now): WarehouseAdapter {
  const net = cfg.net ?? { allowPrivateNetwork: false, requireHttps: true };
  // the reasons are generic on purpose: they are shown to the merchant who chose the URL, and
  // must not turn the dispatcher into a probe of what answers where
  async function post(
    path: string,
    payload: unknown,
    idempotencyKey: string,
  ): Promise<{ status: number; body: unknown }> {
    const body = JSON.stringify(payload);
    const answer = await postJson(
      new URL(path, cfg.url.endsWith('/') ? cfg.url : `${cfg.url}/`),
      {
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
        ...signStandardWebhook(
          cfg.previousSecret ? [cfg.secret, cfg.previousSecret] : cfg.secret,
          idempotencyKey,
          new Date(now()),
          body,
        ),
      },
      body,
      net,
      cfg.timeoutMs ?? 10_000,
    );
    const where = { warehouseId: cfg.warehouseId };
    if (answer.kind === 'insecure') throw new IntegrationError('the push URL must use https', '3pl', where);
    if (answer.kind === 'blocked')
      throw new IntegrationError('the push URL resolves to an address that is not allowed', '3pl', where);
    if (answer.kind === 'redirect')
      throw new IntegrationError('the warehouse API answered with a redirect, which is not followed', '3pl', where);
    if (answer.kind !== 'answer')
      throw new RetriableIntegrationError('the warehouse API could not be reached', '3pl', {
        ...where,
        cause: answer.cause,
      });
    let parsed: unknown;
    try {
      parsed = answer.text ? JSON.parse(answer.text) : null;
    } catch {
      parsed = null;
    }
    const details = { ...where, status: answer.status };
    if (answer.status === 429)
      throw new RateLimitedError(
        'the warehouse API asked us to slow down',
        '3pl',
        Math.min(Number(answer.retryAfter ?? 5) || 5, 3600) * 1000,
      );
    if (answer.status >= 500) throw new RetriableIntegrationError('the warehouse API failed', '3pl', details);
    if (answer.status >= 400) throw new IntegrationError('the warehouse API refused the order', '3pl', details);
    return { status: answer.status, body: parsed };
  }

  return {
    async dispatch(order: DispatchOrder) {
      const { body } = await post('orders', order, order.idempotencyKey);
      const ref =
        body && typeof body === 'object' && 'reference' in body
          ? String((body as { reference: unknown }).reference)
          : null;
      return { kind: 'accepted', reference: ref };
    },
    async cancel(order) {
      const { body } = await post(
        `orders/${order.allocationId}/cancel`,
        { allocationId: order.allocationId, orderName: order.orderName },
        `${order.idempotencyKey}:cancel`,
      );
      return {
        confirmed: !!(body && typeof body === 'object' && (body as { cancelled?: unknown }).cancelled === true),
      };
    },
  };
}
