import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { createInboxRepo } from '../../../core/db/inbox-repo.js';
import { createPrivacyRepo } from '../../../core/db/privacy-repo.js';
import { createShopsRepo } from '../../../core/db/shops-repo.js';
import { createSyncRepo } from '../../../core/db/sync-repo.js';
import { ConflictError, NotFoundError } from '../../../core/errors.js';

const settingsSchema = z.object({
  routeUnpaidOrders: z.boolean(),
  notifyCustomerFrom: z.enum(['shopify', 'app']),
  language: z.enum(['en', 'fr']),
  logoUrl: z.url({ protocol: /^https$/, message: 'must be an https URL' }).max(500).nullable(),
  brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f5f8b').nullable(),
}).partial().strict();

/** The shop, its settings, and the state of its connection to Shopify. */
export async function shopRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/shop', async (req) => {
    const sync = createSyncRepo(ctx.db);
    const [latestImport, runs, deadLetters] = await Promise.all([
      sync.latestImport(req.shop.id), sync.recentRuns(req.shop.id, 1), createInboxRepo(ctx.db).countDead(req.shop.domain),
    ]);
    const s = req.shop;
    return {
      shop: { domain: s.domain, name: s.name, currency: s.currency, locale: s.locale, timezone: s.timezone, status: s.status, installedAt: s.installedAt },
      settings: s.settings,
      email: { configured: ctx.mailer.configured, mailbox: Boolean(ctx.config.email.demoMailboxUrl) },
      import: latestImport ?? null,
      lastReconciliation: runs[0] ?? null,
      deadLetters,
    };
  });

  r.patch('/settings', { schema: { body: settingsSchema } }, async (req) => {
    // the app cannot be the sender without a mail server: customers would get nothing
    if (req.body.notifyCustomerFrom === 'app' && !ctx.mailer.configured) throw new ConflictError('The app cannot send e-mails: no SMTP server is configured (SMTP_URL). Shopify keeps notifying customers.');
    const shop = await createShopsRepo(ctx.db).updateSettings(req.shop.id, req.body);
    return { settings: shop.settings };
  });

  r.get('/imports/latest', async (req) => ({ import: (await createSyncRepo(ctx.db).latestImport(req.shop.id)) ?? null }));

  r.post('/imports', async (req, reply) => {
    await ctx.queues.add('reconcile', { shopId: req.shop.id, kind: 'import' }, { jobId: `import-${req.shop.id}-${Date.now()}` });
    return reply.code(202).send({ queued: true });
  });

  r.get('/reconciliation', async (req) => {
    const runs = await createSyncRepo(ctx.db).recentRuns(req.shop.id, 50);
    const repairedTotal = runs.reduce((n, run) => n + run.repaired, 0);
    return { runs, summary: { runs: runs.length, repaired: repairedTotal, runsWithRepairs: runs.filter((run) => run.repaired > 0).length } };
  });

  r.post('/reconciliation/run', async (req, reply) => {
    await ctx.queues.add('reconcile', { shopId: req.shop.id, kind: 'orders' }, { jobId: `reconcile-${req.shop.id}-${Date.now()}` });
    return reply.code(202).send({ queued: true });
  });

  r.get('/privacy', async (req) => ({ records: await createPrivacyRepo(ctx.db).list(req.shop.id) }));

  r.get('/privacy/:id/export', { schema: { params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req, reply) => {
    const rec = await createPrivacyRepo(ctx.db).getExport(req.shop.id, req.params.id);
    if (!rec || rec.topic !== 'customers/data_request') throw new NotFoundError('data export');
    return reply.header('content-disposition', `attachment; filename="customer-data-${rec.id}.json"`).send({ customer: rec.customerExternalId, createdAt: rec.createdAt, data: rec.export });
  });
}
