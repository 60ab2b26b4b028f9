import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { replenishmentSnapshot, skus, stockAlerts, alertKinds } from '../../../drizzle/schema/index.js';
import type { AppContext } from '../../../core/context.js';
import { createStockQueries } from '../../../core/db/stock-queries.js';
import { createStockSettingsRepo } from '../../../core/db/stock-settings-repo.js';
import { purchaseOrderCsvRows, suggestPurchaseOrders } from '../../../core/domain/replenishment/index.js';
import { NotFoundError } from '../../../core/errors.js';
import { toCsv } from './csv.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const stockQuery = z.object({
  q: z.string().max(100).optional(), abc: z.enum(['A', 'B', 'C']).optional(), status: z.enum(['out_of_stock', 'below_reorder_point', 'overstock', 'ok']).optional(),
  warehouse: z.coerce.number().int().positive().optional(), supplier: z.string().max(100).optional(),
  after: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100),
});
const bufferSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), units: z.number().int().min(0).max(100_000) }),
  z.object({ kind: z.literal('percent'), percent: z.number().min(0).max(100) }),
  z.object({ kind: z.literal('lag_velocity'), minUnits: z.number().int().min(0).max(100_000) }),
]);
const settingsSchema = z.object({
  serviceLevel: z.number().min(0.5).max(0.9999),
  defaultLeadTimeDays: z.number().min(0).max(365),
  supplierLeadTimes: z.record(z.string().min(1).max(100), z.object({ days: z.number().min(0).max(365), stdDays: z.number().min(0).max(100).nullish() })),
  orderCost: z.number().min(0).max(100_000),
  holdingRatePerYear: z.number().min(0).max(5),
  demandWindowDays: z.number().int().min(7).max(365),
  overstockDays: z.number().int().min(1).max(3650),
  deadStockDays: z.number().int().min(1).max(3650),
  abcCutoffs: z.object({ a: z.number().gt(0).lt(1), b: z.number().gt(0).lt(1) }).refine((c) => c.a + c.b < 1, 'A + B must stay below 100%'),
  buffers: z.record(z.string(), bufferSchema),
  dailyDigest: z.boolean(),
  digestEmail: z.email().nullable(),
}).strict();

/** Stock, alerts, SKU pages, suggested purchase orders and the replenishment settings. */
export async function stockRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const filters = (q: Omit<z.infer<typeof stockQuery>, 'after' | 'limit'>) => ({ q: q.q, abcClass: q.abc, status: q.status, warehouseId: q.warehouse, supplier: q.supplier });

  r.get('/stock', { schema: { querystring: stockQuery } }, async (req) => createStockQueries(ctx.db).list(req.shop.id, filters(req.query), { after: req.query.after, limit: req.query.limit }));

  r.get('/stock.csv', { schema: { querystring: stockQuery.omit({ after: true, limit: true }) } }, async (req, reply) => {
    const rows: string[][] = [['sku', 'title', 'supplier', 'warehouse', 'on_hand', 'reserved', 'available', 'abc', 'mean_daily', 'days_of_cover', 'reorder_point', 'safety_stock', 'eoq', 'suggested_order']];
    let after: number | undefined;
    do {
      const page = await createStockQueries(ctx.db).list(req.shop.id, filters(req.query), { after, limit: 500 });
      for (const s of page.items) {
        for (const l of s.levels.length ? s.levels : [null]) {
          rows.push([s.sku, s.title, s.supplier ?? '', l?.warehouse ?? '', String(l?.onHand ?? 0), String(l?.reserved ?? 0), String(l?.available ?? 0), s.abcClass ?? '',
            fmt(s.meanDaily), fmt(s.daysOfCover), fmt(s.reorderPoint), fmt(s.safetyStock), String(s.eoq ?? ''), String(s.suggestedOrderQuantity)]);
        }
      }
      after = page.nextAfter ?? undefined;
    } while (after);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="stock.csv"').send(toCsv(rows));
  });

  r.get('/skus/:id', { schema: { params: idParams, querystring: z.object({ days: z.coerce.number().int().min(7).max(365).default(90) }) } }, async (req) => {
    const asOf = new Intl.DateTimeFormat('en-CA', { timeZone: req.shop.timezone }).format(new Date());
    const detail = await createStockQueries(ctx.db).skuDetail(req.shop.id, req.params.id, req.query.days, asOf);
    if (!detail) throw new NotFoundError('SKU');
    return detail;
  });

  r.patch('/skus/:id', {
    schema: { params: idParams, body: z.object({ supplier: z.string().max(100).nullable(), leadTimeDays: z.number().int().min(0).max(365).nullable(), leadTimeStdDays: z.number().min(0).max(100).nullable(), packSize: z.number().int().min(1).max(100_000), moq: z.number().int().min(0).max(1_000_000) }).partial().strict() },
  }, async (req) => {
    const [row] = await ctx.db.update(skus).set({ ...req.body, updatedAt: new Date() }).where(and(eq(skus.shopId, req.shop.id), eq(skus.id, req.params.id))).returning();
    if (!row) throw new NotFoundError('SKU');
    await ctx.queues.add('alerts', { shopId: req.shop.id, full: true }, { jobId: `alerts-${req.shop.id}-edit-${Date.now()}` }).catch(() => {});
    return row;
  });

  r.get('/alerts', { schema: { querystring: z.object({ status: z.enum(['open', 'snoozed', 'resolved']).default('open') }) } }, async (req) => {
    const rows = await ctx.db.select({ a: stockAlerts, sku: skus.sku, title: skus.title }).from(stockAlerts).innerJoin(skus, eq(skus.id, stockAlerts.skuId))
      .where(and(eq(stockAlerts.shopId, req.shop.id), eq(stockAlerts.status, req.query.status))).orderBy(sql`${stockAlerts.createdAt} desc`).limit(2000);
    const groups = alertKinds.map((kind) => ({ kind, items: rows.filter((x) => x.a.kind === kind).map(({ a, sku, title }) => ({ ...a, sku, title })) }));
    return { groups, total: rows.length };
  });

  r.post('/alerts/:id/snooze', { schema: { params: idParams, body: z.object({ days: z.number().int().min(1).max(90) }) } }, async (req) => {
    const [row] = await ctx.db.update(stockAlerts).set({ status: 'snoozed', snoozedUntil: new Date(Date.now() + req.body.days * 86_400_000), updatedAt: new Date() })
      .where(and(eq(stockAlerts.shopId, req.shop.id), eq(stockAlerts.id, req.params.id))).returning();
    if (!row) throw new NotFoundError('alert');
    return row;
  });

  r.post('/alerts/:id/resolve', { schema: { params: idParams } }, async (req) => {
    const [row] = await ctx.db.update(stockAlerts).set({ status: 'resolved', resolvedAt: new Date(), resolvedBy: `merchant:${req.shop.domain}`, updatedAt: new Date() })
      .where(and(eq(stockAlerts.shopId, req.shop.id), eq(stockAlerts.id, req.params.id))).returning();
    if (!row) throw new NotFoundError('alert');
    return row;
  });

  const purchaseOrders = async (shopId: number) => {
    const rows = await ctx.db.select({ s: skus, r: replenishmentSnapshot }).from(replenishmentSnapshot).innerJoin(skus, eq(skus.id, replenishmentSnapshot.skuId))
      .where(and(eq(replenishmentSnapshot.shopId, shopId), sql`${replenishmentSnapshot.suggestedOrderQuantity} > 0`));
    return suggestPurchaseOrders(rows.map(({ s, r: snap }) => ({
      sku: s.sku, title: s.title, supplier: s.supplier, inventoryPosition: snap.available - snap.backorders, reorderPoint: snap.reorderPoint, eoq: snap.eoqRaw,
      meanDailyDemand: snap.meanDaily, packSize: s.packSize, moq: s.moq, unitCost: s.unitCost === null ? null : Number(s.unitCost),
    })));
  };
  r.get('/purchase-orders', async (req) => {
    const orders = await purchaseOrders(req.shop.id);
    const ids = new Map((await ctx.db.select({ id: skus.id, sku: skus.sku }).from(skus).where(eq(skus.shopId, req.shop.id))).map((x) => [x.sku, x.id]));
    return { orders: orders.map((o) => ({ ...o, lines: o.lines.map((l) => ({ ...l, skuId: ids.get(l.sku) ?? null })) })) };
  });

  r.get('/suppliers', async (req) => ({
    items: (await ctx.database.query<{ supplier: string; skus: number }>(sql`select supplier, count(*)::int as skus from skus where shop_id = ${req.shop.id} and supplier is not null group by supplier order by supplier`))
      .map((x) => ({ supplier: x.supplier, skus: Number(x.skus) })),
  }));
  r.get('/purchase-orders.csv', async (req, reply) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="purchase-orders.csv"').send(toCsv(purchaseOrderCsvRows(await purchaseOrders(req.shop.id)))));

  r.get('/stock-settings', async (req) => createStockSettingsRepo(ctx.db).get(req.shop.id));
  r.put('/stock-settings', { schema: { body: settingsSchema } }, async (req) => {
    await createStockSettingsRepo(ctx.db).save(req.shop.id, { ...req.body, digestEmail: req.body.digestEmail ?? null });
    await ctx.queues.add('alerts', { shopId: req.shop.id, full: true }, { jobId: `alerts-${req.shop.id}-settings-${Date.now()}` }).catch(() => {});
    await ctx.queues.add('inventory-sync', { shopId: req.shop.id, full: true }, { jobId: `invsync-${req.shop.id}-settings-${Date.now()}` }).catch(() => {});
    return createStockSettingsRepo(ctx.db).get(req.shop.id);
  });

  r.post('/stock/recompute', async (req, reply) => {
    await ctx.queues.add('alerts', { shopId: req.shop.id, full: true }, { jobId: `alerts-${req.shop.id}-manual-${Date.now()}` });
    return reply.code(202).send({ queued: true });
  });

  /** Inventory accuracy per warehouse: how much the 3PL's counts corrected our ledger over 30 days. */
  r.get('/stock/accuracy', async (req) => {
    const rows = await ctx.database.query<{ warehouse_id: number; name: string; corrected: number; on_hand: number }>(sql`
      select w.id as warehouse_id, w.name,
        coalesce((select sum(abs(m.delta)) from inventory_movements m where m.warehouse_id = w.id and m.reason = 'snapshot_correction' and m.created_at > now() - interval '30 days'), 0)::int as corrected,
        coalesce((select sum(on_hand) from stock_levels sl where sl.warehouse_id = w.id), 0)::int as on_hand
      from warehouses w where w.shop_id = ${req.shop.id} order by w.priority, w.id`);
    return { warehouses: rows.map((r) => ({ id: Number(r.warehouse_id), name: r.name, correctedUnits: Number(r.corrected), onHand: Number(r.on_hand), accuracy: Number(r.on_hand) + Number(r.corrected) > 0 ? 1 - Number(r.corrected) / (Number(r.on_hand) + Number(r.corrected)) : null })) };
  });
}

const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(Math.round(n * 100) / 100));
