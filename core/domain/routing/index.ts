export { planRoute } from './plan-route.js';
export { promiseFor, nextShipSlot, deliveryDateAfter, serviceLevelFor } from './promise.js';
export type { PromiseFailure, PromiseResult, ShipSlot, ShipSlotResult } from './promise.js';
export { zoneFor, normalizePostalCode } from './zones.js';
export type { ZoneMatch } from './zones.js';
export { haversineKm, pointOf } from './geo.js';
export type { GeoPoint } from './geo.js';
export {
  addDays,
  daysBetween,
  isoWeekday,
  isIsoDate,
  isValidTimeZone,
  localDateTime,
  parseClock,
  zonedTimeToUtcMs,
} from './calendar.js';
export type { LocalDateTime } from './calendar.js';
export { isMarketplace } from './context.js';
export {
  routingRuleSchema,
  routingRulesSchema,
  defaultRules,
  ruleIds,
  ruleLabelOf,
  filterKinds,
  rankingKinds,
  policyKinds,
  eligibilityRuleSchema,
  capacityRuleSchema,
  stockRuleSchema,
  proximityRuleSchema,
  promiseRuleSchema,
  costRuleSchema,
  priorityRuleSchema,
  splitRuleSchema,
  backorderRuleSchema,
  substitutionRuleSchema,
} from './rules.js';
export type { RoutingRule, RoutingRuleKind, RuleOf, RankingRule, FilterRule } from './rules.js';
export type * from './types.js';
export type * from './trace-types.js';
export { COVERAGE_RULE_ID } from './trace-types.js';
