import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  idParams,
  latestImportResponse,
  privacyExportResponse,
  privacyResponse,
  queuedResponse,
  reconciliationResponse,
  shopResponse,
  shopSettingsPatch,
  shopSettingsResponse,
} from '../../../core/contracts/admin/index.js';
import type { AppContext } from '../../../core/context.js';
import { createPrivacyRepo } from '../../../core/db/privacy-repo.js';
import { createShopsRepo } from '../../../core/db/shops-repo.js';
import { createSyncRepo } from '../../../core/db/sync-repo.js';
import { ConflictError, NotFoundError } from '../../../core/errors.js';
import { getReconciliation, getShopStatus } from '../../../core/use-cases/admin/get-shop-status.js';
import { iso, toImportRun, toReconcileRun, toShopInfo } from './to-dto.js';
import { requestSync } from '../../../core/use-cases/admin/request-sync.js';

/** The shop, its settings, and the state of its connection to Shopify. */
export async function shopRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/shop', { schema: { response: { 200: shopResponse } } }, async (req) => {
    const status = await getShopStatus({ db: ctx.db }, { shopId: req.shop.id, shopDomain: req.shop.domain });
    return {
      shop: toShopInfo(req.shop),
      settings: req.shop.settings,
      import: status.latestImport && toImportRun(status.latestImport),
      lastReconciliation: status.lastReconciliation && toReconcileRun(status.lastReconciliation),
      deadLetters: status.deadLetters,
      email: { configured: ctx.mailer.configured, mailbox: Boolean(ctx.config.email.demoMailboxUrl) },
    };
  });

  r.patch(
    '/settings',
    { schema: { body: shopSettingsPatch, response: { 200: shopSettingsResponse } } },
    async (req) => {
      // the app cannot be the sender without a mail server: customers would get nothing
      if (req.body.notifyCustomerFrom === 'app' && !ctx.mailer.configured)
        throw new ConflictError(
          'The app cannot send e-mails: no SMTP server is configured (SMTP_URL). Shopify keeps notifying customers.',
        );
      const shop = await createShopsRepo(ctx.db).updateSettings(req.shop.id, req.body);
      return { settings: shop.settings };
    },
  );

  r.get('/imports/latest', { schema: { response: { 200: latestImportResponse } } }, async (req) => {
    const latest = await createSyncRepo(ctx.db).latestImport(req.shop.id);
    return { import: latest ? toImportRun(latest) : null };
  });

  r.post('/imports', { schema: { response: { 202: queuedResponse } } }, async (req, reply) => {
    const { coalesced } = await requestSync({ queues: ctx.queues }, { shopId: req.shop.id, kind: 'import' });
    return reply.code(202).send({ queued: true, coalesced });
  });

  r.get('/reconciliation', { schema: { response: { 200: reconciliationResponse } } }, async (req) => {
    const { runs, summary } = await getReconciliation({ db: ctx.db }, { shopId: req.shop.id });
    return { runs: runs.map(toReconcileRun), summary };
  });

  r.post('/reconciliation/run', { schema: { response: { 202: queuedResponse } } }, async (req, reply) => {
    const { coalesced } = await requestSync({ queues: ctx.queues }, { shopId: req.shop.id, kind: 'orders' });
    return reply.code(202).send({ queued: true, coalesced });
  });

  r.get('/privacy', { schema: { response: { 200: privacyResponse } } }, async (req) => ({
    records: (await createPrivacyRepo(ctx.db).list(req.shop.id)).map((p) => ({
      id: p.id,
      topic: p.topic,
      customerExternalId: p.customerExternalId,
      summary: p.summary,
      createdAt: iso(p.createdAt),
    })),
  }));

  r.get(
    '/privacy/:id/export',
    { schema: { params: idParams, response: { 200: privacyExportResponse } } },
    async (req, reply) => {
      const rec = await createPrivacyRepo(ctx.db).getExport(req.shop.id, req.params.id);
      if (!rec || rec.topic !== 'customers/data_request') throw new NotFoundError('data export');
      return reply
        .header('content-disposition', `attachment; filename="customer-data-${rec.id}.json"`)
        .send({ customer: rec.customerExternalId, createdAt: iso(rec.createdAt), data: rec.export });
    },
  );
}
