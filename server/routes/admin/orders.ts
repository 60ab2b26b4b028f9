import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  cancelAtWarehousesResponse,
  channelsResponse,
  holdBody,
  holdResponse,
  idParams,
  orderDetail,
  orderListQuery,
  orderPage,
  releaseResponse,
  rerouteBody,
  rerouteOneBody,
  rerouteResponse,
} from '../../../core/contracts/admin/index.js';
import type { AppContext } from '../../../core/context.js';
import { createOrderQueries } from '../../../core/db/order-queries.js';
import {
  cancelAtWarehouses,
  holdOrder,
  releaseOrder,
  rerouteOrders,
} from '../../../core/use-cases/admin/order-actions.js';
import { getOrderDetail } from '../../../core/use-cases/admin/get-order-detail.js';
import { iso, toOrderDetail } from './to-dto.js';

/** Orders: list with filters and keyset pagination, detail with timeline and trace, and actions. */
export async function orderRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const actor = (req: { shop: { domain: string } }) => `merchant:${req.shop.domain}`;
  const deps = { db: ctx.db, queues: ctx.queues };

  r.get('/orders', { schema: { querystring: orderListQuery, response: { 200: orderPage } } }, async (req) => {
    const q = req.query;
    const page = await createOrderQueries(ctx.db).list(
      req.shop.id,
      {
        statuses: q.status,
        channel: q.channel,
        warehouseId: q.warehouse,
        late: q.late === 'true',
        q: q.q,
        awaitingAck: q.awaitingAck === 'true',
        shippedOn: q.shippedOn ? { date: q.shippedOn, timezone: req.shop.timezone } : undefined,
        from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
        to: q.to ? new Date(`${q.to}T23:59:59.999Z`) : undefined,
      },
      { cursor: q.cursor, limit: q.limit },
      new Date(),
    );
    return {
      items: page.items.map((o) => ({
        id: o.id,
        name: o.name,
        channel: o.channel,
        status: o.status,
        financialStatus: o.financialStatus,
        placedAt: iso(o.placedAt),
        countryCode: o.countryCode,
        city: o.city,
        totalPrice: o.totalPrice,
        currency: o.currency,
        units: o.units,
        warehouses: o.warehouses,
        late: o.late,
      })),
      nextCursor: page.nextCursor,
    };
  });

  r.get('/orders/:id', { schema: { params: idParams, response: { 200: orderDetail } } }, async (req) =>
    toOrderDetail(
      await getOrderDetail(
        { db: ctx.db, appUrl: ctx.config.http.appUrl },
        { shopId: req.shop.id, orderId: req.params.id },
      ),
    ),
  );

  r.get('/channels', { schema: { response: { 200: channelsResponse } } }, async (req) => ({
    items: await createOrderQueries(ctx.db).channels(req.shop.id),
  }));

  r.post('/orders/reroute', { schema: { body: rerouteBody, response: { 200: rerouteResponse } } }, async (req) =>
    rerouteOrders(deps, { shopId: req.shop.id, orderIds: req.body.orderIds, fresh: req.body.fresh, actor: actor(req) }),
  );

  r.post(
    '/orders/:id/reroute',
    { schema: { params: idParams, body: rerouteOneBody, response: { 200: rerouteResponse } } },
    async (req) =>
      rerouteOrders(deps, { shopId: req.shop.id, orderIds: [req.params.id], fresh: req.body.fresh, actor: actor(req) }),
  );

  r.post(
    '/orders/:id/hold',
    { schema: { params: idParams, body: holdBody, response: { 200: holdResponse } } },
    async (req) =>
      holdOrder(deps, { shopId: req.shop.id, orderId: req.params.id, reason: req.body.reason, actor: actor(req) }),
  );

  r.post('/orders/:id/release', { schema: { params: idParams, response: { 200: releaseResponse } } }, async (req) =>
    releaseOrder(deps, { shopId: req.shop.id, orderId: req.params.id, actor: actor(req) }),
  );

  r.post(
    '/orders/:id/cancel-at-3pl',
    { schema: { params: idParams, response: { 200: cancelAtWarehousesResponse } } },
    async (req) => cancelAtWarehouses(deps, { shopId: req.shop.id, orderId: req.params.id, actor: actor(req) }),
  );
}
