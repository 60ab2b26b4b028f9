import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { overviewResponse } from '../../../core/contracts/admin/index.js';
import type { AppContext } from '../../../core/context.js';
import { getOverview } from '../../../core/use-cases/admin/get-overview.js';
import { iso } from './to-dto.js';

/** The overview page: each number matches an orders-list filter the UI links to. */
export async function overviewRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/overview', { schema: { response: { 200: overviewResponse } } }, async (req) => {
    const {
      overview: o,
      deadLetters,
      stockAlerts,
      delayedShipments,
      lastReconciliation: last,
    } = await getOverview(
      { database: ctx.database },
      { shopId: req.shop.id, shopDomain: req.shop.domain, timezone: req.shop.timezone, now: new Date() },
    );
    return {
      waitingToRoute: o.waitingToRoute,
      onHold: o.onHold,
      backordered: o.backordered,
      awaitingAcknowledgement: o.awaitingAcknowledgement,
      shippedToday: o.shippedToday,
      late: o.late,
      handover: o.handover,
      handoverWeek: o.handoverWeek,
      deadLetters,
      delayedShipments,
      stockAlerts,
      lastReconciliation: last
        ? {
            at: iso(last.finishedAt ?? last.startedAt),
            status: last.status,
            checked: last.checked,
            repaired: last.repaired,
            details: last.details.slice(0, 10),
          }
        : null,
    };
  });
}
