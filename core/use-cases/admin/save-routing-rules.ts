import { createAuditRepo } from '../../db/audit-repo.js';
import type { DbOrTx } from '../../db/client.js';
import { createRoutingRulesRepo } from '../../db/routing-rules-repo.js';
import type { RoutingRule } from '../../domain/routing/index.js';
import { ConflictError } from '../../errors.js';

/** Saves the whole rule list if nobody saved since `version` was read, and records who did. */
export async function saveRoutingRules(
  deps: { db: DbOrTx },
  input: { shopId: number; rules: RoutingRule[]; version: number; actor: string },
): Promise<{ version: number; rules: RoutingRule[] }> {
  const res = await createRoutingRulesRepo(deps.db).save(input.shopId, input.rules, input.version);
  if ('conflict' in res) throw new ConflictError('the rules were changed elsewhere; reload them before saving');
  await createAuditRepo(deps.db).record(input.shopId, 'routing_rules', String(input.shopId), 'saved', input.actor, {
    version: res.version,
    rules: input.rules,
  });
  return { version: res.version, rules: input.rules };
}
