import { createOrdersRepo } from '../../db/orders-repo.js';
import type {
  ReturnAnalyticsDto,
  ReturnDetailDto,
  ReturnListDto,
  ReturnListQuery,
  ReturnSummaryDto,
} from '../../contracts/admin/returns.js';
import type { Db } from '../../db/client.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import { orderNames } from '../../db/returns-queries.js';
import { createReturnsRepo, type ReturnWithLines } from '../../db/returns-repo.js';
import { createWarehousesRepo } from '../../db/warehouses-repo.js';
import {
  allowedEvents,
  returnFigures,
  returnStates,
  type Grade,
  type ReturnState,
} from '../../domain/returns/index.js';
import { NotFoundError } from '../../errors.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function summaries(db: Db, shopId: number, rows: ReturnWithLines[]): Promise<ReturnSummaryDto[]> {
  const orderIds = [...new Set(rows.map((r) => r.orderId).filter((x): x is number => x !== null))];
  const names = await orderNames(db, shopId, orderIds);
  const whs = await createWarehousesRepo(db).list(shopId);
  return rows.map((r) => ({
    id: r.id,
    rma: r.rma ?? '',
    status: r.state as ReturnState,
    shopifyStatus: r.externalId ? r.status : null,
    source: r.source,
    orderId: r.orderId,
    orderName: names.find((n) => n.id === r.orderId)?.name ?? r.name,
    warehouse: whs.find((w) => w.id === r.warehouseId)?.name ?? null,
    units: r.lines.reduce((s, l) => s + l.quantity, 0),
    reasons: [...new Set(r.lines.map((l) => l.reason).filter((x): x is string => !!x))],
    refundAmount: r.refundAmount,
    requestedAt: r.requestedAt.toISOString(),
    syncError: r.syncError,
  }));
}

export async function listReturns(deps: { db: Db }, shopId: number, q: ReturnListQuery): Promise<ReturnListDto> {
  const rows = await createReturnsRepo(deps.db).list(
    shopId,
    { states: q.state, source: q.source, warehouseId: q.warehouse, q: q.q },
    { limit: q.limit + 1, before: q.before },
  );
  // Shopify returns not yet read back (no RMA) are not shown until the returns job reads them
  const page = rows.slice(0, q.limit).filter((r) => r.rma);
  return {
    items: await summaries(deps.db, shopId, page),
    nextBefore: rows.length > q.limit ? rows[q.limit - 1]!.id : null,
  };
}

export async function getReturn(deps: { db: Db }, shopId: number, id: number): Promise<ReturnDetailDto> {
  const r = await createReturnsRepo(deps.db).get(shopId, id);
  if (!r || !r.rma) throw new NotFoundError('return');
  const [summary] = await summaries(deps.db, shopId, [r]);
  const timeline = await createAuditRepo(deps.db).list(shopId, 'return', String(r.id));
  const wh = r.warehouseId ? await createWarehousesRepo(deps.db).get(shopId, r.warehouseId) : undefined;
  const exchangeOrder = r.exchangeOrderId ? await createOrdersRepo(deps.db).get(shopId, r.exchangeOrderId) : undefined;
  const state = r.state as ReturnState;
  const actions = allowedEvents(state).filter((e) => e !== 'receive' && e !== 'grade') as ReturnDetailDto['actions'];
  const refundable = (state === 'graded' || state === 'received') && !r.refundDueAt;
  return {
    ...summary!,
    decision: r.decision,
    declineReason: r.declineReason,
    declineNote: r.declineNote,
    warehouseId: r.warehouseId,
    warehouseAddress: wh
      ? {
          name: wh.name,
          address1: wh.address?.address1 ?? null,
          city: wh.address?.city ?? null,
          zip: wh.address?.zip ?? null,
          countryCode: wh.address?.countryCode ?? null,
        }
      : null,
    trackingNumber: r.trackingNumber,
    labelUrl: r.labelUrl,
    cost: r.cost,
    times: {
      requestedAt: r.requestedAt.toISOString(),
      approvedAt: iso(r.approvedAt),
      declinedAt: iso(r.declinedAt),
      inTransitAt: iso(r.inTransitAt),
      receivedAt: iso(r.receivedAt),
      gradedAt: iso(r.gradedAt),
      refundedAt: iso(r.refundedAt),
      closedAt: iso(r.closedAt),
    },
    refundDue: !!r.refundDueAt && !r.refundedAt,
    actions: [...actions.filter((a) => a !== 'refund'), ...(refundable ? (['refund'] as const) : [])],
    lines: r.lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      reason: l.reason,
      customerNote: l.customerNote,
      receivedQuantity: l.receivedQuantity,
      grades: l.grades,
      photoUrls: l.photoUrls,
      disposedQuantity: l.disposedQuantity,
      exchange:
        l.exchangeQuantity > 0 && l.exchangeSku
          ? { sku: l.exchangeSku, title: l.exchangeTitle ?? l.exchangeSku, quantity: l.exchangeQuantity }
          : null,
    })),
    exchangeOrder: exchangeOrder
      ? { id: exchangeOrder.id, name: exchangeOrder.name, status: exchangeOrder.status }
      : null,
    timeline: timeline.map((t) => ({
      id: t.id,
      at: t.createdAt.toISOString(),
      action: t.action,
      actor: t.actor,
      data: t.data,
    })),
  };
}

/** The figures over returns requested between two dates (inclusive days, UTC). */
export async function returnAnalytics(
  deps: { db: Db },
  shop: { id: number; currency: string },
  range: { from?: string; to?: string },
  now: Date,
): Promise<ReturnAnalyticsDto> {
  const to = range.to
    ? new Date(`${range.to}T00:00:00Z`)
    : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const from = range.from ? new Date(`${range.from}T00:00:00Z`) : new Date(to.getTime() - 89 * 86_400_000);
  const end = new Date(to.getTime() + 86_400_000);
  const repo = createReturnsRepo(deps.db);
  const [rows, sold, byState] = await Promise.all([
    repo.requestedBetween(shop.id, from, end),
    repo.soldUnits(shop.id, from, end),
    repo.countByState(shop.id),
  ]);
  const f = returnFigures(
    rows.map((r) => ({
      channel: r.channel,
      state: r.state,
      requestedAt: r.requestedAt,
      receivedAt: r.receivedAt,
      refundedAt: r.refundedAt,
      cost: Number(r.cost),
      lines: r.lines.map((l) => ({
        sku: l.sku,
        reason: l.reason ?? 'other',
        quantity: l.quantity,
        unitPrice: Number(l.unitPrice),
        graded: l.grades.map((g) => ({ grade: g.grade as Grade, quantity: g.quantity })),
      })),
    })),
    sold,
  );
  return {
    ...f,
    from: from.toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
    currency: shop.currency,
    byState: returnStates.map((s) => ({ state: s, count: byState.find((b) => b.state === s)?.count ?? 0 })),
  };
}
