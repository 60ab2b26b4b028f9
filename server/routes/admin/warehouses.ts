import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  feedKeyList,
  feedKeyParams,
  idParams,
  locationList,
  newFeedKey,
  newFeedKeyBody,
  noContent,
  pushSecretRotated,
  rotatePushSecretBody,
  warehouse,
  warehouseInputSchema,
  warehouseList,
  warehouseSaved,
} from '../../../core/contracts/admin/index.js';
import type { AppContext } from '../../../core/context.js';
import { createLocationsQueries } from '../../../core/db/locations-queries.js';
import { createWarehousesRepo } from '../../../core/db/warehouses-repo.js';
import { createFeedKey, getWarehouse, listFeedKeys, revokeFeedKey } from '../../../core/use-cases/admin/feed-keys.js';
import { rotatePushSecret, saveWarehouse } from '../../../core/use-cases/admin/save-warehouse.js';
import { iso, isoOrNull, toLocation, toWarehouse } from './to-dto.js';

/** Warehouses, their Shopify link, and their 3PL API keys (shown once, stored hashed). */
export async function warehouseRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = {
    db: ctx.db,
    shopify: ctx.shopify,
    cipher: ctx.cipher,
    appUrl: ctx.config.http.appUrl,
    requireHttpsPush: ctx.config.push.requireHttps,
    feedAuth: ctx.feedAuth,
  };

  r.get('/warehouses', { schema: { response: { 200: warehouseList } } }, async (req) => ({
    items: (await createWarehousesRepo(ctx.db).list(req.shop.id)).map(toWarehouse),
    feedDocs: '/feed/v1/docs',
    openapi: '/feed/v1/openapi.json',
  }));
  r.get('/warehouses/:id', { schema: { params: idParams, response: { 200: warehouse } } }, async (req) =>
    toWarehouse(await getWarehouse({ db: ctx.db }, { shopId: req.shop.id, warehouseId: req.params.id })),
  );

  r.post(
    '/warehouses',
    { schema: { body: warehouseInputSchema, response: { 201: warehouseSaved } } },
    async (req, reply) => {
      const { warehouse: saved, pushSecret } = await saveWarehouse(deps, {
        shopId: req.shop.id,
        shopDomain: req.shop.domain,
        data: req.body,
        actor: `merchant:${req.shop.domain}`,
      });
      return reply.code(201).send({ warehouse: toWarehouse(saved), pushSecret });
    },
  );

  r.put(
    '/warehouses/:id',
    { schema: { params: idParams, body: warehouseInputSchema, response: { 200: warehouseSaved } } },
    async (req) => {
      const { warehouse: saved, pushSecret } = await saveWarehouse(deps, {
        shopId: req.shop.id,
        shopDomain: req.shop.domain,
        id: req.params.id,
        data: req.body,
        actor: `merchant:${req.shop.domain}`,
      });
      return { warehouse: toWarehouse(saved), pushSecret };
    },
  );

  r.post(
    '/warehouses/:id/push-secret',
    { schema: { params: idParams, body: rotatePushSecretBody, response: { 201: pushSecretRotated } } },
    async (req, reply) => {
      const { warehouse: saved, pushSecret } = await rotatePushSecret(deps, {
        shopId: req.shop.id,
        warehouseId: req.params.id,
        overlapHours: req.body.overlapHours,
        actor: `merchant:${req.shop.domain}`,
        now: new Date(),
      });
      const dto = toWarehouse(saved);
      return reply.code(201).send({ warehouse: dto, pushSecret, previousValidUntil: dto.pushSecretPreviousValidUntil });
    },
  );

  r.get('/warehouses/:id/keys', { schema: { params: idParams, response: { 200: feedKeyList } } }, async (req) => {
    const keys = await listFeedKeys({ db: ctx.db }, { shopId: req.shop.id, warehouseId: req.params.id });
    return {
      items: keys.map((k) => ({
        id: k.id,
        label: k.label,
        prefix: k.prefix,
        lastUsedAt: isoOrNull(k.lastUsedAt),
        revokedAt: isoOrNull(k.revokedAt),
        createdAt: iso(k.createdAt),
      })),
    };
  });

  r.post(
    '/warehouses/:id/keys',
    { schema: { params: idParams, body: newFeedKeyBody, response: { 201: newFeedKey } } },
    async (req, reply) => {
      const key = await createFeedKey(
        { db: ctx.db },
        { shopId: req.shop.id, warehouseId: req.params.id, label: req.body.label },
      );
      return reply
        .code(201)
        .send({ id: key.id, prefix: key.prefix, key: key.key, note: 'Copy this key now: it is not shown again.' });
    },
  );

  r.delete(
    '/warehouses/:id/keys/:keyId',
    { schema: { params: feedKeyParams, response: { 204: noContent } } },
    async (req, reply) => {
      await revokeFeedKey(
        { db: ctx.db, feedAuth: ctx.feedAuth },
        { shopId: req.shop.id, warehouseId: req.params.id, keyId: req.params.keyId },
      );
      return reply.code(204).send(null);
    },
  );

  r.get('/locations', { schema: { response: { 200: locationList } } }, async (req) => ({
    items: (await createLocationsQueries(ctx.db).list(req.shop.id)).map(toLocation),
  }));
}
