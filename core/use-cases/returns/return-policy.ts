import type { ReturnPolicyDto } from '../../contracts/admin/returns.js';
import type { Db } from '../../db/client.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import { createReturnsRepo } from '../../db/returns-repo.js';
import { createWarehousesRepo } from '../../db/warehouses-repo.js';
import { ValidationError } from '../../errors.js';

export async function getReturnPolicy(deps: { db: Db }, shopId: number): Promise<ReturnPolicyDto> {
  return createReturnsRepo(deps.db).policy(shopId);
}

/** Saves the shop's return rules; the returns warehouses must be the shop's own. */
export async function saveReturnPolicy(
  deps: { db: Db },
  shopId: number,
  policy: ReturnPolicyDto,
  actor: string,
): Promise<ReturnPolicyDto> {
  const own = new Set((await createWarehousesRepo(deps.db).list(shopId)).map((w) => w.id));
  const foreign = policy.returnWarehouseIds.filter((id) => !own.has(id));
  if (foreign.length)
    throw new ValidationError(
      'unknown warehouses',
      foreign.map((id) => `warehouse ${id}`),
      'unknown_warehouse',
      422,
    );
  await createReturnsRepo(deps.db).savePolicy(shopId, policy);
  await createAuditRepo(deps.db).record(shopId, 'shop', String(shopId), 'return_policy_saved', actor, policy);
  return policy;
}
