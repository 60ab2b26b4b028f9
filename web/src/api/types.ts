/**
 * The admin API's types, as the admin app uses them: all of them come from the contract
 * (core/contracts/admin), the same schemas the server validates and serializes through.
 */
export type {
  AllocationStatus, DeadLetter, DeadLetterDetail, DeadLetterPage, DispatchFailuresResponse, TrackingPushFailuresResponse, FeedKey, Language, NewFeedKey, OrderAllocation, OrderDetail, OrderPage, OrderRow, OrderStatus,
  OverviewResponse, PostalAddress, PushSecretRotated, ReconcileDetail, RoutingRule, RoutingRuleKind, RuleOf, RuleSetMetrics, RulesResponse, Shipment, ShopifyLocation, ShopResponse,
  ShopSettings, SimulationResult, TimelineEntry, Warehouse, WarehouseInput, WarehouseList, WarehouseSaved,
} from '../../../core/contracts/admin/index.js';
export type { RoutingTraceDto as RoutingTrace } from '../../../core/contracts/admin/index.js';
