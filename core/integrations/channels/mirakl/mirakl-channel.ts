import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { ChannelAccountSettings } from '../../../../drizzle/schema/channels.js';
import { miraklTracking } from '../../../domain/carriers/index.js';
import { IntegrationError, RateLimitedError, RetriableIntegrationError } from '../../../errors.js';
import { CallGateWait, type CallGate } from '../call-gate.js';
import type { Channel, ChannelLimit, ChannelOrder, ShipmentConfirmation } from '../channel.js';
import { channelFetch, retryAfterMs, type ChannelResponse } from '../http.js';
import { miraklOrderListSchema, toChannelOrder } from './mirakl-order.js';

type MiraklSettings = Extract<ChannelAccountSettings, { kind: 'mirakl' }>;

/** Everything one operator account needs: its URL, its shop key and its own settings. */
export interface MiraklAccount {
  id: number;
  code: string;
  baseUrl: string;
  apiKey: string;
  settings: MiraklSettings;
}

export interface MiraklChannelDeps {
  gate: CallGate;
}

/** Where a sweep of OR11 stands: the update window, and how far into it we have read. */
const cursorSchema = z.object({
  since: z.string(),
  until: z.string().nullable(),
  offset: z.number().int().nonnegative(),
});

/** Pages overlap by this many orders, so orders that leave the window mid-sweep shift none past us. */
const PAGE_OVERLAP = 5;
const SERVICE = 'mirakl';

/** Published call frequencies (channels-3pl-carriers §3.3–3.4); an account may only slow them down. */
export const miraklMinIntervals = { OR11: 60_000, STO01: 60_000, STO02: 15_000 } as const;

/**
 * The Mirakl seller API (MMP), one adapter for every operator: the operator is its base URL,
 * the shop's API key (sent raw in Authorization) and its SH21 carrier list.
 */
export function createMiraklChannel(account: MiraklAccount, deps: MiraklChannelDeps): Channel {
  const s = account.settings;
  // the gate keeps the operator's maximum; an account polled faster than it (tests) is gated at its own pace
  const pollEvery = Math.min(Math.max(s.pollEveryMs, 0), miraklMinIntervals.OR11);
  const stockEvery = Math.max(s.stockEveryMs ?? miraklMinIntervals.STO01, 0);

  const call = async (
    operation: string,
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    body?: unknown,
    minIntervalMs = 0,
  ): Promise<ChannelResponse> => {
    const wait = await deps.gate.take(`mirakl:${account.id}:${operation}`, minIntervalMs);
    if (wait > 0)
      throw new CallGateWait(`${operation} called again within the operator's call frequency`, SERVICE, wait);
    const url = new URL(path, account.baseUrl.endsWith('/') ? account.baseUrl : `${account.baseUrl}/`);
    if (s.shopId) url.searchParams.set('shop_id', s.shopId);
    const headers: Record<string, string> = { authorization: account.apiKey, accept: 'application/json' };
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await channelFetch({ service: SERVICE, url: url.toString(), method, headers, body: payload });
    if (res.status === 429)
      throw new RateLimitedError(`${operation}: ${messageOf(res)}`, SERVICE, retryAfterMs(res.headers, 60_000));
    if (res.status >= 500)
      throw new RetriableIntegrationError(`${operation} answered ${res.status}: ${messageOf(res)}`, SERVICE);
    return res;
  };
  const failIfError = (operation: string, res: ChannelResponse): void => {
    if (res.status >= 400)
      throw new IntegrationError(`${operation} answered ${res.status}: ${messageOf(res)}`, SERVICE, {
        status: res.status,
      });
  };

  const limits: ChannelLimit[] = [
    { operation: 'OR11 list orders', minIntervalMs: pollEvery, ratePerSecond: null, burst: null },
    { operation: 'STO01 stock import', minIntervalMs: stockEvery, ratePerSecond: null, burst: null },
    { operation: 'STO02 import status', minIntervalMs: miraklMinIntervals.STO02, ratePerSecond: null, burst: null },
  ];

  return {
    kind: 'mirakl',
    limits: () => limits,

    async testConnection() {
      try {
        const res = await call('A01', 'GET', 'api/account');
        if (res.status === 401 || res.status === 403) return { ok: false, reason: 'the operator refused the API key' };
        failIfError('A01', res);
        const body = z.object({ shop_name: z.string() }).passthrough().parse(res.body);
        return { ok: true, accountName: body.shop_name };
      } catch (e) {
        return { ok: false, reason: (e as Error).message };
      }
    },

    async listChangedOrders(input) {
      const parsed = input.cursor ? cursorSchema.safeParse(JSON.parse(input.cursor)) : null;
      const at = parsed?.success ? parsed.data : { since: input.initialSince.toISOString(), until: null, offset: 0 };
      const until = at.until ?? input.now.toISOString();
      const q = new URLSearchParams({
        start_update_date: at.since,
        end_update_date: until,
        sort: 'dateCreated',
        order: 'asc',
        paginate: 'true',
        offset: String(at.offset),
        max: String(s.pageSize),
      });
      const res = await call('OR11', 'GET', `api/orders?${q}`, undefined, pollEvery);
      failIfError('OR11', res);
      const page = miraklOrderListSchema.parse(res.body);
      const orders = page.orders.map((o) => toChannelOrder(account.code, o));
      const read = at.offset + page.orders.length;
      const more = page.orders.length > 0 && read < page.total_count;
      const nextOffset = Math.max(at.offset + 1, read - Math.min(PAGE_OVERLAP, Math.floor(page.orders.length / 2)));
      const next = more ? { since: at.since, until, offset: nextOffset } : { since: until, until: null, offset: 0 };
      return { orders, nextCursor: JSON.stringify(next), more };
    },

    async receiveNotifications() {
      // sellers poll: Mirakl's webhooks are configured by the operator, not by the seller (§3.2)
      return [];
    },
    async deleteNotifications() {},

    async getOrders(externalIds) {
      if (externalIds.length === 0) return [];
      const out: ChannelOrder[] = [];
      for (let i = 0; i < externalIds.length; i += 100) {
        const q = new URLSearchParams({ order_ids: externalIds.slice(i, i + 100).join(','), max: '100' });
        const res = await call('OR11', 'GET', `api/orders?${q}`, undefined, pollEvery);
        failIfError('OR11', res);
        out.push(...miraklOrderListSchema.parse(res.body).orders.map((o) => toChannelOrder(account.code, o)));
      }
      return out;
    },

    async acceptOrder(input) {
      const res = await call('OR21', 'PUT', `api/orders/${encodeURIComponent(input.orderExternalId)}/accept`, {
        order_lines: input.lines.map((l) => ({ id: l.lineExternalId, accepted: l.accepted })),
      });
      if (res.status === 400 && /state/i.test(messageOf(res)))
        return { ok: false, reason: 'not_awaiting_acceptance', message: messageOf(res) };
      if (res.status >= 400 && res.status < 500)
        return { ok: false, reason: 'refused_by_marketplace', message: messageOf(res) };
      return { ok: true };
    },

    async confirmShipment(input: ShipmentConfirmation) {
      const id = encodeURIComponent(input.orderExternalId);
      const body = miraklTracking(input.carrier, s.carriers, {
        company: input.carrierName,
        number: input.trackingNumber,
        url: input.trackingUrl,
      });
      const tracked = await call('OR23', 'PUT', `api/orders/${id}/tracking`, body);
      if (tracked.status === 400 && /state/i.test(messageOf(tracked)))
        return { ok: false, reason: 'order_not_shippable', message: messageOf(tracked) };
      if (tracked.status >= 400) return { ok: false, reason: 'rejected', message: `OR23: ${messageOf(tracked)}` };
      const shipped = await call('OR24', 'PUT', `api/orders/${id}/ship`);
      // a retry after a lost answer finds the order already SHIPPED: that is the outcome we wanted
      if (shipped.status === 400 && /SHIPPED/.test(messageOf(shipped)))
        return { ok: true, carrierCode: 'carrier_code' in body ? body.carrier_code : null };
      if (shipped.status === 400 && /state/i.test(messageOf(shipped)))
        return { ok: false, reason: 'order_not_shippable', message: messageOf(shipped) };
      if (shipped.status >= 400) return { ok: false, reason: 'rejected', message: `OR24: ${messageOf(shipped)}` };
      return { ok: true, carrierCode: 'carrier_code' in body ? body.carrier_code : null };
    },

    async setSellableQuantities(input) {
      if (input.length === 0) return { reference: null, accepted: 0, rejected: 0, issues: [] };
      const csv = stringify(
        input.map((q) => [q.sku, String(q.quantity), 'update']),
        { header: true, columns: ['offer-sku', 'quantity', 'update-delete'], delimiter: ';', quoted: true },
      );
      const form = new FormData();
      form.set('file', new Blob([csv], { type: 'text/csv' }), 'stock.csv');
      const res = await call('STO01', 'POST', 'api/offers/stock/imports', form, stockEvery);
      failIfError('STO01', res);
      const { import_id } = z
        .object({ import_id: z.union([z.number(), z.string()]).transform(String) })
        .parse(res.body);
      // the import is asynchronous; one status read tells us at once when lines were refused
      const st = await call(
        'STO02',
        'GET',
        `api/offers/stock/imports/${encodeURIComponent(import_id)}/status`,
        undefined,
        miraklMinIntervals.STO02,
      ).catch((e: unknown) => {
        if (e instanceof CallGateWait) return null;
        throw e;
      });
      if (!st || st.status >= 400) return { reference: import_id, accepted: input.length, rejected: 0, issues: [] };
      const status = z
        .object({
          import_status: z.string(),
          lines_in_success: z.number().default(0),
          lines_in_error: z.number().default(0),
        })
        .passthrough()
        .parse(st.body);
      return {
        reference: import_id,
        accepted: status.import_status === 'COMPLETE' ? status.lines_in_success : input.length,
        rejected: status.lines_in_error,
        // STO02 only counts the refused lines; which ones is in the import's error report
        issues: [],
      };
    },
  };
}

function messageOf(res: ChannelResponse): string {
  const b = res.body as { message?: unknown } | string | null;
  if (b && typeof b === 'object' && typeof b.message === 'string') return b.message;
  return typeof b === 'string' && b ? b.slice(0, 200) : `HTTP ${res.status}`;
}
