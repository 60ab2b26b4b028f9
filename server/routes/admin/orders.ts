import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { orderStatuses } from '../../../drizzle/schema/index.js';
import type { AppContext } from '../../../core/context.js';
import { createAllocationsRepo } from '../../../core/db/allocations-repo.js';
import { createAuditRepo } from '../../../core/db/audit-repo.js';
import { createFeedRepo } from '../../../core/db/feed-repo.js';
import { createOrderQueries } from '../../../core/db/order-queries.js';
import { createOrdersRepo } from '../../../core/db/orders-repo.js';
import { createShipmentsQueries } from '../../../core/db/shipments-queries.js';
import { createWarehousesRepo } from '../../../core/db/warehouses-repo.js';
import { NotFoundError } from '../../../core/errors.js';
import { orderCustomerView } from '../../../core/use-cases/customers/order-customer-view.js';
import { cancelAtWarehouses, holdOrder, releaseOrder, rerouteOrders } from '../../../core/use-cases/admin/order-actions.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const listQuery = z.object({
  status: z.string().optional().transform((s, c) => {
    if (!s) return undefined;
    const parts = s.split(',');
    const bad = parts.filter((p) => !(orderStatuses as readonly string[]).includes(p));
    if (bad.length) {
      c.addIssue({ code: 'custom', message: `unknown status ${bad.join(', ')}` });
      return z.NEVER;
    }
    return parts as (typeof orderStatuses)[number][];
  }),
  channel: z.string().max(40).optional(),
  warehouse: z.coerce.number().int().positive().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  late: z.enum(['true', 'false']).optional(),
  awaitingAck: z.enum(['true', 'false']).optional(),
  shippedOn: z.iso.date().optional(),
  q: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(250).default(50),
});

/** Orders: list with filters and keyset pagination, detail with timeline and trace, and actions. */
export async function orderRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const actor = (req: { shop: { domain: string } }) => `merchant:${req.shop.domain}`;

  r.get('/orders', { schema: { querystring: listQuery } }, async (req) => {
    const q = req.query;
    return createOrderQueries(ctx.db).list(req.shop.id, {
      statuses: q.status, channel: q.channel, warehouseId: q.warehouse, late: q.late === 'true', q: q.q, awaitingAck: q.awaitingAck === 'true',
      shippedOn: q.shippedOn ? { date: q.shippedOn, timezone: req.shop.timezone } : undefined,
      from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined, to: q.to ? new Date(`${q.to}T23:59:59.999Z`) : undefined,
    }, { cursor: q.cursor, limit: q.limit }, new Date());
  });

  r.get('/orders/:id', { schema: { params: idParams } }, async (req) => {
    const shopId = req.shop.id;
    const order = await createOrdersRepo(ctx.db).get(shopId, req.params.id);
    if (!order) throw new NotFoundError('order');
    const allocRepo = createAllocationsRepo(ctx.db);
    const [lines, allocs, backorders, timeline, whs] = await Promise.all([
      createOrdersRepo(ctx.db).lines(shopId, order.id), allocRepo.forOrder(shopId, order.id), allocRepo.openBackorders(shopId, order.id),
      createAuditRepo(ctx.db).list(shopId, 'order', String(order.id)), createWarehousesRepo(ctx.db).list(shopId),
    ]);
    const feed = await createFeedRepo(ctx.db).hydrate(shopId, allocs);
    const shipments = await createShipmentsQueries(ctx.db).forAllocations(shopId, allocs.map((a) => a.id));
    const whName = new Map(whs.map((w) => [w.id, w.name]));
    const customer = await orderCustomerView({ db: ctx.db, appUrl: ctx.config.http.appUrl }, { shopId, orderId: order.id });
    const latest = [...allocs].reverse().find((a) => a.status !== 'cancelled' && a.status !== 'rejected') ?? allocs.at(-1);
    return {
      order: {
        id: order.id, name: order.name, channel: order.channel, status: order.status, financialStatus: order.financialStatus, onHoldReason: order.onHoldReason,
        placedAt: order.placedAt, cancelledAt: order.cancelledAt, email: order.email, shippingAddress: order.shippingAddress, totalPrice: order.totalPrice, currency: order.currency, tags: order.tags,
        trackingPageUrl: customer.trackingPageUrl,
      },
      delays: customer.delays,
      emails: customer.emails,
      lines: lines.map((l) => ({ id: l.id, sku: l.sku, title: l.title, quantity: l.quantity, currentQuantity: l.currentQuantity, unitPrice: l.unitPrice })),
      allocations: allocs.map((a, i) => ({
        id: a.id, warehouseId: a.warehouseId, warehouse: whName.get(a.warehouseId) ?? String(a.warehouseId), status: a.status, attempt: a.attempt,
        promisedShipBy: a.promisedShipBy, promisedDeliveryBy: a.promisedDeliveryBy, serviceLevel: a.serviceLevel, cost: a.cost, distanceKm: a.distanceKm,
        dispatchedAt: a.dispatchedAt, acknowledgedAt: a.acknowledgedAt, rejectReason: a.rejectReason, dispatchError: a.dispatchError,
        lines: feed[i]!.lines, shipments: shipments.filter((s) => s.allocationId === a.id),
      })),
      backorders,
      /** the trace of the latest routing: warehouses × rules */
      trace: latest?.trace ?? timeline.filter((e) => e.action === 'routed').map((e) => (e.data as { trace?: unknown }).trace).at(-1) ?? null,
      timeline: timeline.map((e) => ({ id: e.id, at: e.createdAt, action: e.action, actor: e.actor, data: e.action === 'routed' ? { ...(e.data as object), trace: undefined } : e.data })),
    };
  });

  r.get('/channels', async (req) => ({
    items: (await ctx.database.query<{ channel: string; n: number }>(sql`select channel, count(*)::int as n from orders where shop_id = ${req.shop.id} group by channel order by 2 desc`))
      .map((c) => ({ channel: c.channel, orders: Number(c.n) })),
  }));

  r.post('/orders/reroute', { schema: { body: z.object({ orderIds: z.array(z.number().int().positive()).min(1).max(500), fresh: z.boolean().default(false) }) } }, async (req) =>
    rerouteOrders({ db: ctx.db, queues: ctx.queues }, { shopId: req.shop.id, orderIds: req.body.orderIds, fresh: req.body.fresh, actor: actor(req) }));

  r.post('/orders/:id/reroute', { schema: { params: idParams, body: z.object({ fresh: z.boolean().default(true) }).default({ fresh: true }) } }, async (req) =>
    rerouteOrders({ db: ctx.db, queues: ctx.queues }, { shopId: req.shop.id, orderIds: [req.params.id], fresh: req.body.fresh, actor: actor(req) }));

  r.post('/orders/:id/hold', { schema: { params: idParams, body: z.object({ reason: z.string().min(1).max(200) }) } }, async (req) =>
    holdOrder({ db: ctx.db, queues: ctx.queues }, { shopId: req.shop.id, orderId: req.params.id, reason: req.body.reason, actor: actor(req) }));

  r.post('/orders/:id/release', { schema: { params: idParams } }, async (req) =>
    releaseOrder({ db: ctx.db, queues: ctx.queues }, { shopId: req.shop.id, orderId: req.params.id, actor: actor(req) }));

  r.post('/orders/:id/cancel-at-3pl', { schema: { params: idParams } }, async (req) =>
    cancelAtWarehouses({ db: ctx.db, queues: ctx.queues }, { shopId: req.shop.id, orderId: req.params.id, actor: actor(req) }));
}
