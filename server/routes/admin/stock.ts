import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  accuracyResponse,
  alertKinds,
  alertsQuery,
  alertsResponse,
  csvResponse,
  idParams,
  purchaseOrdersResponse,
  queuedResponse,
  sku,
  skuDetail,
  skuDetailQuery,
  skuPurchasingInput,
  snoozeBody,
  stockAlert,
  stockFilterQuery,
  stockPage,
  stockQuery,
  stockSettings,
  stockSettingsResponse,
  suppliersResponse,
  type StockFilterQuery,
} from '../../../core/contracts/admin/index.js';
import type { AppContext } from '../../../core/context.js';
import { createAlertsQueries } from '../../../core/db/alerts-queries.js';
import { createPurchasingQueries } from '../../../core/db/purchasing-queries.js';
import { createStockQueries } from '../../../core/db/stock-queries.js';
import { createStockSettingsRepo } from '../../../core/db/stock-settings-repo.js';
import { purchaseOrderCsvRows } from '../../../core/domain/replenishment/index.js';
import { NotFoundError } from '../../../core/errors.js';
import { suggestShopPurchaseOrders } from '../../../core/use-cases/admin/purchase-orders.js';
import { stockAccuracy } from '../../../core/use-cases/admin/stock-accuracy.js';
import {
  requestAlertsRecompute,
  resolveAlert,
  saveStockSettings,
  snoozeAlert,
  updateSkuPurchasing,
} from '../../../core/use-cases/admin/stock-actions.js';
import { stockCsvBatches } from '../../../core/use-cases/admin/stock-csv.js';
import { iso, toReplenishment, toSku, toStockAlert, toStockItem } from './to-dto.js';
import { csvStream, toCsv } from './csv.js';
import { channelSellableForSku, channelSellableForSkus } from '../../../core/use-cases/admin/channel-sellable.js';

const filters = (q: StockFilterQuery) => ({
  q: q.q,
  abcClass: q.abc,
  status: q.status,
  warehouseId: q.warehouse,
  supplier: q.supplier,
});
const csv = (name: string) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${name}"`,
});

/** Stock, alerts, SKU pages, suggested purchase orders and the replenishment settings. */
export async function stockRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = { db: ctx.db, queues: ctx.queues, log: ctx.log };

  r.get('/stock', { schema: { querystring: stockQuery, response: { 200: stockPage } } }, async (req) => {
    const page = await createStockQueries(ctx.db).list(req.shop.id, filters(req.query), {
      after: req.query.after,
      limit: req.query.limit,
    });
    // every channel's figure for the page's SKUs in one read of their stock, never one per row
    const { channels, bySku } = await channelSellableForSkus(
      ctx.db,
      req.shop.id,
      page.items.map((s) => s.id),
    );
    return {
      items: page.items.map((s) =>
        toStockItem(
          s,
          (bySku.get(s.id) ?? []).map((f) => f.sellable),
        ),
      ),
      channels,
      nextAfter: page.nextAfter,
    };
  });

  r.get(
    '/stock.csv',
    { schema: { querystring: stockFilterQuery, response: { 200: csvResponse } } },
    // every SKU × warehouse of the shop: streamed, never built whole on the request thread (the
    // schema documents the text the stream carries, hence the cast)
    async (req, reply) =>
      reply
        .headers(csv('stock.csv'))
        .send(
          csvStream(
            stockCsvBatches({ db: ctx.db }, { shopId: req.shop.id, filters: filters(req.query) }),
          ) as unknown as string,
        ),
  );

  r.get(
    '/skus/:id',
    { schema: { params: idParams, querystring: skuDetailQuery, response: { 200: skuDetail } } },
    async (req) => {
      const asOf = new Intl.DateTimeFormat('en-CA', { timeZone: req.shop.timezone }).format(new Date());
      const d = await createStockQueries(ctx.db).skuDetail(req.shop.id, req.params.id, req.query.days, asOf);
      if (!d) throw new NotFoundError('SKU');
      const channels = await channelSellableForSku(ctx.db, req.shop.id, req.params.id);
      return {
        sku: toSku(d.sku),
        replenishment: d.replenishment && toReplenishment(d.replenishment),
        demand: d.demand,
        ledger: d.ledger.map((m) => ({
          id: m.id,
          warehouse: m.warehouse,
          delta: m.delta,
          reason: m.reason,
          reference: m.reference,
          at: iso(m.at),
        })),
        levels: d.levels,
        alerts: d.alerts.map(toStockAlert),
        channels: channels.map((c) => ({ ...c, lastPushedAt: c.lastPushedAt && iso(c.lastPushedAt) })),
      };
    },
  );

  r.patch(
    '/skus/:id',
    { schema: { params: idParams, body: skuPurchasingInput, response: { 200: sku } } },
    async (req) =>
      toSku(
        await updateSkuPurchasing(deps, {
          shopId: req.shop.id,
          skuId: req.params.id,
          patch: req.body,
          now: new Date(),
        }),
      ),
  );

  r.get('/alerts', { schema: { querystring: alertsQuery, response: { 200: alertsResponse } } }, async (req) => {
    const rows = await createAlertsQueries(ctx.db).list(req.shop.id, req.query.status);
    const groups = alertKinds.map((kind) => ({
      kind,
      items: rows.filter((a) => a.kind === kind).map((a) => ({ ...toStockAlert(a), sku: a.sku, title: a.title })),
    }));
    return { groups, total: rows.length };
  });

  r.post(
    '/alerts/:id/snooze',
    { schema: { params: idParams, body: snoozeBody, response: { 200: stockAlert } } },
    async (req) =>
      toStockAlert(
        await snoozeAlert(
          { db: ctx.db },
          { shopId: req.shop.id, alertId: req.params.id, days: req.body.days, now: new Date() },
        ),
      ),
  );

  r.post('/alerts/:id/resolve', { schema: { params: idParams, response: { 200: stockAlert } } }, async (req) =>
    toStockAlert(
      await resolveAlert(
        { db: ctx.db },
        { shopId: req.shop.id, alertId: req.params.id, actor: `merchant:${req.shop.domain}`, now: new Date() },
      ),
    ),
  );

  r.get('/purchase-orders', { schema: { response: { 200: purchaseOrdersResponse } } }, async (req) => ({
    orders: await suggestShopPurchaseOrders({ db: ctx.db }, { shopId: req.shop.id }),
  }));

  // one line per SKU to reorder, the same set GET /purchase-orders answers as JSON: small, sent whole
  r.get('/purchase-orders.csv', { schema: { response: { 200: csvResponse } } }, async (req, reply) =>
    reply
      .headers(csv('purchase-orders.csv'))
      .send(toCsv(purchaseOrderCsvRows(await suggestShopPurchaseOrders({ db: ctx.db }, { shopId: req.shop.id })))),
  );

  r.get('/suppliers', { schema: { response: { 200: suppliersResponse } } }, async (req) => ({
    items: await createPurchasingQueries(ctx.db).suppliers(req.shop.id),
  }));

  r.get('/stock-settings', { schema: { response: { 200: stockSettingsResponse } } }, async (req) =>
    createStockSettingsRepo(ctx.db).get(req.shop.id),
  );

  r.put('/stock-settings', { schema: { body: stockSettings, response: { 200: stockSettingsResponse } } }, async (req) =>
    saveStockSettings(deps, {
      shopId: req.shop.id,
      settings: { ...req.body, digestEmail: req.body.digestEmail ?? null },
    }),
  );

  r.post('/stock/recompute', { schema: { response: { 202: queuedResponse } } }, async (req, reply) => {
    // the merchant asked for it: nothing queued is a 503 to retry, not a 202 that promises a run
    if (!(await requestAlertsRecompute(ctx, { shopId: req.shop.id, now: new Date() })))
      throw Object.assign(new Error('alerts recompute not queued'), { statusCode: 503 });
    return reply.code(202).send({ queued: true });
  });

  /** Inventory accuracy per warehouse: how much the 3PL's counts corrected our ledger over 30 days. */
  r.get('/stock/accuracy', { schema: { response: { 200: accuracyResponse } } }, async (req) => ({
    warehouses: await stockAccuracy({ db: ctx.db }, { shopId: req.shop.id, now: new Date() }),
  }));
}
