import { IntegrationError, RateLimitedError, RetriableIntegrationError } from '../../errors.js';
import { signStandardWebhook } from './standard-webhooks.js';
import type { DispatchOrder, HttpWarehouseConfig, WarehouseAdapter } from './warehouse.js';

/**
 * For 3PLs that take webhooks: JSON signed with Standard Webhooks headers, our idempotency key on every push (so a retry is
 * recognised as the same order), 4xx refusals are final, 429/5xx/timeouts are retried.
 */
export function createHttpWarehouse(cfg: HttpWarehouseConfig, now: () => number = Date.now): WarehouseAdapter {
  async function post(path: string, payload: unknown, idempotencyKey: string): Promise<{ status: number; body: unknown }> {
    const body = JSON.stringify(payload);
    let res: Response;
    try {
      res = await fetch(new URL(path, cfg.url.endsWith('/') ? cfg.url : `${cfg.url}/`), {
        method: 'POST',
        // webhook-id is the idempotency key: a retry is the same message to the receiver
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey, ...signStandardWebhook(cfg.secret, idempotencyKey, new Date(now()), body) },
        body,
        signal: AbortSignal.timeout(cfg.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new RetriableIntegrationError(`warehouse ${cfg.warehouseId} unreachable: ${(e as Error).message}`, '3pl');
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text.slice(0, 500);
    }
    if (res.status === 429) throw new RateLimitedError(`warehouse ${cfg.warehouseId} rate limited us`, '3pl', Number(res.headers.get('retry-after') ?? 5) * 1000);
    if (res.status >= 500) throw new RetriableIntegrationError(`warehouse ${cfg.warehouseId} answered ${res.status}`, '3pl', parsed);
    if (res.status >= 400) throw new IntegrationError(`warehouse ${cfg.warehouseId} refused: ${res.status}`, '3pl', parsed);
    return { status: res.status, body: parsed };
  }

  return {
    async dispatch(order: DispatchOrder) {
      const { body } = await post('orders', order, order.idempotencyKey);
      const ref = body && typeof body === 'object' && 'reference' in body ? String((body as { reference: unknown }).reference) : null;
      return { kind: 'accepted', reference: ref };
    },
    async cancel(order) {
      const { body } = await post(`orders/${order.allocationId}/cancel`, { allocationId: order.allocationId, orderName: order.orderName }, `${order.idempotencyKey}:cancel`);
      return { confirmed: !!(body && typeof body === 'object' && (body as { cancelled?: unknown }).cancelled === true) };
    },
  };
}
