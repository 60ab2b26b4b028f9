/**
 * searchOrders and getOrder (Orders API v2026-01-01) over the simulator's orders: query checks
 * with Amazon's error codes, `includedData` projection, and `paginationToken` pages that hold
 * the matching set as it was when the search started, like Amazon's server-side tokens.
 */
import { randomUUID } from 'node:crypto';
import type { GetOrderIncludedDataEnum, Order, SearchOrdersResponse } from '@sp-api-sdk/orders-api-2026-01-01';
import { AmazonSimError } from './state.js';

const INCLUDED = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
] as const satisfies readonly GetOrderIncludedDataEnum[];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const TOKEN_TTL_MS = 24 * 3_600_000;

const list = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v ? [v] : []).flatMap((x) => x.split(',')).filter(Boolean);

export function parseIncludedData(v: string | string[] | undefined): Set<GetOrderIncludedDataEnum> {
  const out = new Set<GetOrderIncludedDataEnum>();
  for (const x of list(v)) {
    if (!(INCLUDED as readonly string[]).includes(x))
      throw new AmazonSimError(400, 'InvalidInput', `Invalid includedData value: ${x}`);
    out.add(x as GetOrderIncludedDataEnum);
  }
  return out;
}

/** The order with only the optional sections the caller asked for. */
export function projectOrder(o: Order, included: Set<GetOrderIncludedDataEnum>): Order {
  const { recipient, fulfillment, packages, proceeds, buyer, ...base } = o;
  return {
    ...structuredClone(base),
    ...(included.has('RECIPIENT') && recipient ? { recipient: structuredClone(recipient) } : {}),
    ...(included.has('FULFILLMENT') && fulfillment ? { fulfillment: structuredClone(fulfillment) } : {}),
    ...(included.has('PACKAGES') && packages ? { packages: structuredClone(packages) } : {}),
    ...(included.has('PROCEEDS') && proceeds ? { proceeds: structuredClone(proceeds) } : {}),
    ...(included.has('BUYER') && buyer ? { buyer: structuredClone(buyer) } : {}),
  };
}

interface Sweep {
  ids: string[];
  included: Set<GetOrderIncludedDataEnum>;
  pageSize: number;
  lastUpdatedBefore?: string;
  createdBefore?: string;
  expiresAt: number;
}

export function createOrderSearch(opts: { now: () => Date; marketplaceId: string; orders: () => Order[] }) {
  const sweeps = new Map<string, Sweep>();

  const page = (s: Sweep, byId: Map<string, Order>): SearchOrdersResponse => {
    const ids = s.ids.splice(0, s.pageSize);
    const orders = ids.flatMap((id) => {
      const o = byId.get(id);
      return o ? [projectOrder(o, s.included)] : [];
    });
    let nextToken: string | undefined;
    if (s.ids.length) {
      nextToken = Buffer.from(randomUUID()).toString('base64url');
      sweeps.set(nextToken, s);
    }
    return {
      orders,
      ...(nextToken ? { pagination: { nextToken } } : {}),
      ...(s.lastUpdatedBefore ? { lastUpdatedBefore: s.lastUpdatedBefore } : {}),
      ...(s.createdBefore ? { createdBefore: s.createdBefore } : {}),
    };
  };

  return {
    search(q: Record<string, string | string[] | undefined>): SearchOrdersResponse {
      const now = opts.now().getTime();
      for (const [k, s] of sweeps) if (s.expiresAt < now) sweeps.delete(k);
      const byId = new Map(opts.orders().map((o) => [o.orderId, o]));
      const marketplaces = list(q.marketplaceIds);
      if (marketplaces.length === 0)
        throw new AmazonSimError(400, 'InvalidInput', 'Missing required parameter marketplaceIds');
      if (marketplaces.some((m) => m !== opts.marketplaceId))
        throw new AmazonSimError(400, 'InvalidInput', `Invalid marketplaceIds: ${marketplaces.join(',')}`);
      const token = typeof q.paginationToken === 'string' ? q.paginationToken : undefined;
      if (token) {
        const s = sweeps.get(token);
        sweeps.delete(token);
        if (!s) throw new AmazonSimError(400, 'InvalidInput', 'Invalid or expired paginationToken');
        return page(s, byId);
      }
      const one = (k: string): string | undefined => {
        const v = q[k];
        if (v === undefined) return undefined;
        if (typeof v !== 'string' || !ISO.test(v))
          throw new AmazonSimError(400, 'InvalidInput', `Invalid ${k}: must be an ISO 8601 date-time`);
        return v;
      };
      const createdAfter = one('createdAfter');
      const lastUpdatedAfter = one('lastUpdatedAfter');
      if (!!createdAfter === !!lastUpdatedAfter)
        throw new AmazonSimError(400, 'InvalidInput', 'Exactly one of createdAfter or lastUpdatedAfter is required');
      // an order changed in this very millisecond is inside the window, not after it
      const nowIso = new Date(opts.now().getTime() + 1).toISOString();
      const createdBefore = createdAfter ? (one('createdBefore') ?? nowIso) : undefined;
      const lastUpdatedBefore = lastUpdatedAfter ? (one('lastUpdatedBefore') ?? nowIso) : undefined;
      if (one('createdBefore') && lastUpdatedAfter)
        throw new AmazonSimError(400, 'InvalidInput', 'createdBefore cannot be combined with lastUpdatedAfter');
      if (one('lastUpdatedBefore') && createdAfter)
        throw new AmazonSimError(400, 'InvalidInput', 'lastUpdatedBefore cannot be combined with createdAfter');
      const max = q.maxResultsPerPage === undefined ? 100 : Number(q.maxResultsPerPage);
      if (!Number.isInteger(max) || max < 1 || max > 100)
        throw new AmazonSimError(400, 'InvalidInput', 'maxResultsPerPage must be between 1 and 100');
      const statuses = list(q.fulfillmentStatuses);
      const by = list(q.fulfilledBy);
      const [field, from, to] = createdAfter
        ? (['createdTime', createdAfter, createdBefore!] as const)
        : (['lastUpdatedTime', lastUpdatedAfter!, lastUpdatedBefore!] as const);
      const ids = [...byId.values()]
        .filter((o) => Date.parse(o[field]) >= Date.parse(from) && Date.parse(o[field]) < Date.parse(to))
        .filter((o) => !statuses.length || statuses.includes(o.fulfillment?.fulfillmentStatus ?? ''))
        .filter((o) => !by.length || by.includes(o.fulfillment?.fulfilledBy ?? ''))
        .sort((a, b) => (a.createdTime < b.createdTime ? -1 : a.createdTime > b.createdTime ? 1 : 0))
        .map((o) => o.orderId);
      return page(
        {
          ids,
          included: parseIncludedData(q.includedData),
          pageSize: max,
          ...(lastUpdatedBefore ? { lastUpdatedBefore } : {}),
          ...(createdBefore ? { createdBefore } : {}),
          expiresAt: now + TOKEN_TTL_MS,
        },
        byId,
      );
    },
  };
}
