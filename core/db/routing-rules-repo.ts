import { eq, sql } from 'drizzle-orm';
import { routingRules } from '../../drizzle/schema/index.js';
import { defaultRules, routingRulesSchema, type RoutingRule } from '../domain/routing/index.js';
import type { DbOrTx } from './client.js';
import { forgetRoutingConfig } from './routing-config.js';

/** The shop's ordered rules; a shop that never saved any routes by the default rules. */
export function createRoutingRulesRepo(db: DbOrTx) {
  return {
    async get(shopId: number): Promise<{ rules: RoutingRule[]; version: number; isDefault: boolean }> {
      const [row] = await db.select().from(routingRules).where(eq(routingRules.shopId, shopId));
      if (!row) return { rules: defaultRules(), version: 0, isDefault: true };
      return { rules: routingRulesSchema.parse(row.rules), version: row.version, isDefault: false };
    },

    /** Saves the whole list; `expectedVersion` guards against two editors overwriting each other. */
    async save(
      shopId: number,
      rules: RoutingRule[],
      expectedVersion?: number,
    ): Promise<{ version: number } | { conflict: true }> {
      const current = await this.get(shopId);
      if (expectedVersion !== undefined && expectedVersion !== current.version) return { conflict: true };
      const [row] = await db
        .insert(routingRules)
        .values({ shopId, rules, version: 1 })
        .onConflictDoUpdate({
          target: routingRules.shopId,
          set: { rules, version: sql`${routingRules.version} + 1`, updatedAt: sql`now()` },
          setWhere: sql`${routingRules.version} = ${current.version}`,
        })
        .returning({ version: routingRules.version });
      forgetRoutingConfig(shopId);
      return row ? { version: row.version } : { conflict: true };
    },
  };
}
