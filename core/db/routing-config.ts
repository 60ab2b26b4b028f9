import { and, asc, eq } from 'drizzle-orm';
import { routingRules, warehouses } from '../../drizzle/schema/index.js';
import { defaultRules, routingRulesSchema, type RoutingRule } from '../domain/routing/index.js';
import type { Db } from './client.js';
import type { WarehouseRow } from './warehouses-repo.js';

/** What routing reads of a shop's setup: its rules and its active warehouses, best priority first. */
export interface RoutingConfig {
  rules: RoutingRule[];
  /** the saved version of the rules (0: the shop routes by the default rules) */
  rulesVersion: number;
  warehouses: readonly WarehouseRow[];
}

/**
 * Every routing run reads the shop's rules and warehouses (a flash sale routes hundreds of orders
 * a minute), and a merchant changes them a few times a month. Reads are kept for a moment per
 * database handle, as the shop rows are (shops-repo): a write made through the rules or the
 * warehouses repository in this process is seen at once (the generation moves on, and an entry
 * read while it moved is not kept), one made by another process within CACHE_MS.
 */
const CACHE_MS = 2000;
const cache = new WeakMap<object, Map<number, { config: RoutingConfig; at: number; generation: number }>>();
let generation = 0;

/** A shop's rules or warehouses changed: routing in this process reads them again. */
export function forgetRoutingConfig(_shopId: number): void {
  generation++;
}

/** The shop's routing setup, from memory when read less than CACHE_MS ago. Never mutate the result. */
export async function loadRoutingConfig(db: Db, shopId: number): Promise<RoutingConfig> {
  let entries = cache.get(db);
  if (!entries) cache.set(db, (entries = new Map()));
  const now = Date.now();
  const hit = entries.get(shopId);
  if (hit && now - hit.at < CACHE_MS && hit.generation === generation) return hit.config;
  const before = generation;
  const config = await readRoutingConfig(db, shopId);
  if (before === generation) entries.set(shopId, { config, at: now, generation });
  else entries.delete(shopId);
  return config;
}

async function readRoutingConfig(db: Db, shopId: number): Promise<RoutingConfig> {
  const [[saved], rows] = await Promise.all([
    db
      .select({ rules: routingRules.rules, version: routingRules.version })
      .from(routingRules)
      .where(eq(routingRules.shopId, shopId)),
    db
      .select()
      .from(warehouses)
      .where(and(eq(warehouses.shopId, shopId), eq(warehouses.active, true)))
      .orderBy(asc(warehouses.priority), asc(warehouses.id)),
  ]);
  return {
    rules: saved ? routingRulesSchema.parse(saved.rules) : defaultRules(),
    rulesVersion: saved?.version ?? 0,
    warehouses: rows,
  };
}
