/**
 * In-memory Shopify for tests and the demo. The app talks to it over HTTP only; tests and the
 * demo may import this module.
 */
export {
  createShopifySim,
  DEFAULT_PLANS,
  type ShopifySim,
  type ShopifySimOptions,
  type ShopifySimControl,
} from './create-sim.js';
export { createManualClock, systemClock, type Clock, type ManualClock } from './core/clock.js';
export {
  ControlError,
  type ReturnRequestInput,
  type ComplianceTopic,
  type ThrottlePatch,
} from './control/control-api.js';
export type { GraphqlLogEntry } from './control/request-log.js';
export type {
  LevelSnapshot,
  LocationSnapshot,
  OrderSnapshot,
  ProductSnapshot,
  ShopSnapshot,
} from './control/snapshots.js';
export type {
  ChaosSettings,
  DeliveryRecord,
  DeliverySettings,
  DeliveryFilter,
  DropRule,
} from './webhooks/dispatcher.js';
export type { WebhookSubscription } from './webhooks/subscriptions.js';
export type { ProductInput, VariantInput } from './ops/catalog.js';
export type { LocationInput, LocationUpdate, FulfillmentServiceInput } from './ops/locations.js';
export type { PlaceOrderInput, OrderLineInput, AddressInput } from './ops/place-order.js';
export type { SetStockInput } from './ops/stock.js';
export type { EditOrderInput } from './ops/order-edit.js';
export type { CreateShopInput } from './state/shop-factory.js';
export type { SessionTokenOptions } from './auth/session-token.js';
export type { AccessTokenResponse } from './auth/tokens.js';
export { SIM_API_VERSION, adminSchema } from './graphql/admin-schema.js';
export { gid, parseId } from './core/ids.js';
export { seedDemoShop, type SeedDemoOptions, type SeedDemoSummary } from './seed/demo-shop.js';
