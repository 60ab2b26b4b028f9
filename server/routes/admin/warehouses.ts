import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { shopifyLocations } from '../../../drizzle/schema/index.js';
import type { AppContext } from '../../../core/context.js';
import { createFeedKeysRepo } from '../../../core/db/feed-keys-repo.js';
import { createWarehousesRepo, type WarehouseRow } from '../../../core/db/warehouses-repo.js';
import { NotFoundError } from '../../../core/errors.js';
import { saveWarehouse } from '../../../core/use-cases/admin/save-warehouse.js';
import { warehouseInputSchema } from '../../../core/use-cases/admin/warehouse-input.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const dto = ({ pushSecretEnc, shopId: _s, ...w }: WarehouseRow) => ({ ...w, hasPushSecret: !!pushSecretEnc });

/** Warehouses, their Shopify link, and their 3PL API keys (shown once, stored hashed). */
export async function warehouseRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = { db: ctx.db, shopify: ctx.shopify, cipher: ctx.cipher, appUrl: ctx.config.http.appUrl, requireHttpsPush: ctx.config.push.requireHttps };
  const owned = async (shopId: number, id: number) => {
    const w = await createWarehousesRepo(ctx.db).get(shopId, id);
    if (!w) throw new NotFoundError('warehouse');
    return w;
  };

  r.get('/warehouses', async (req) => ({ items: (await createWarehousesRepo(ctx.db).list(req.shop.id)).map(dto), feedDocs: '/feed/v1/docs', openapi: '/feed/v1/openapi.json' }));
  r.get('/warehouses/:id', { schema: { params: idParams } }, async (req) => dto(await owned(req.shop.id, req.params.id)));

  r.post('/warehouses', { schema: { body: warehouseInputSchema } }, async (req, reply) => {
    const { warehouse, pushSecret } = await saveWarehouse(deps, { shopId: req.shop.id, shopDomain: req.shop.domain, data: req.body, actor: `merchant:${req.shop.domain}` });
    return reply.code(201).send({ warehouse: dto(warehouse), pushSecret });
  });

  r.put('/warehouses/:id', { schema: { params: idParams, body: warehouseInputSchema } }, async (req) => {
    const { warehouse, pushSecret } = await saveWarehouse(deps, { shopId: req.shop.id, shopDomain: req.shop.domain, id: req.params.id, data: req.body, actor: `merchant:${req.shop.domain}` });
    return { warehouse: dto(warehouse), pushSecret };
  });

  r.get('/warehouses/:id/keys', { schema: { params: idParams } }, async (req) => {
    await owned(req.shop.id, req.params.id);
    return { items: await createFeedKeysRepo(ctx.db).list(req.shop.id, req.params.id) };
  });

  r.post('/warehouses/:id/keys', { schema: { params: idParams, body: z.object({ label: z.string().trim().min(1).max(60) }) } }, async (req, reply) => {
    await owned(req.shop.id, req.params.id);
    const key = await createFeedKeysRepo(ctx.db).create(req.shop.id, req.params.id, req.body.label);
    return reply.code(201).send({ id: key.id, prefix: key.prefix, key: key.key, note: 'Copy this key now: it is not shown again.' });
  });

  r.delete('/warehouses/:id/keys/:keyId', { schema: { params: idParams.extend({ keyId: z.coerce.number().int().positive() }) } }, async (req, reply) => {
    await owned(req.shop.id, req.params.id);
    if (!(await createFeedKeysRepo(ctx.db).revoke(req.shop.id, req.params.id, req.params.keyId))) throw new NotFoundError('active key');
    return reply.code(204).send();
  });

  r.get('/locations', async (req) => ({
    items: (await ctx.db.select().from(shopifyLocations).where(eq(shopifyLocations.shopId, req.shop.id)))
      .filter((l) => !l.deleted)
      .map((l) => ({ id: l.externalId, name: l.name, active: l.active, isFulfillmentService: l.isFulfillmentService, address: l.address, latitude: l.latitude, longitude: l.longitude })),
  }));
}
