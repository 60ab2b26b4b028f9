import { gid } from '../../core/ids.js';
import { startBulkQuery } from '../../bulk/run-bulk.js';
import { bulkOperationView } from '../views/shop-view.js';
import { payload, type MutationResolver } from './payload.js';

/** bulkOperationRunQuery and bulkOperationCancel. */
export const bulkMutations: Record<string, MutationResolver> = {
  bulkOperationRunQuery: (a, ctx) =>
    payload(
      startBulkQuery(ctx.core, ctx.shop, ctx, String(a.query), a.groupObjects === true, ctx.core.bulkTracker),
      (b) => ({ bulkOperation: bulkOperationView(ctx, b) }),
      ['bulkOperation'],
    ),
  bulkOperationCancel: (a, ctx) => {
    const op = [...ctx.shop.bulkOperations.values()].find((b) => gid('BulkOperation', b.id) === a.id);
    if (!op)
      return {
        bulkOperation: null,
        userErrors: [{ field: ['id'], message: 'Bulk operation does not exist', code: null }],
      };
    if (op.status !== 'CREATED' && op.status !== 'RUNNING')
      return {
        bulkOperation: bulkOperationView(ctx, op),
        userErrors: [
          {
            field: ['id'],
            message: `A bulk operation cannot be canceled when it is ${op.status.toLowerCase()}`,
            code: null,
          },
        ],
      };
    op.status = 'CANCELED';
    op.completedAt = ctx.core.clock.now();
    return { bulkOperation: bulkOperationView(ctx, op), userErrors: [] };
  },
};
