/** One Amazon seller's SP-API, LWA and ORDER_CHANGE queue for tests and the demo; the app reaches it over HTTP only. */
export {
  createAmazonSim,
  publishedUsagePlans,
  type AmazonSim,
  type AmazonSimOptions,
  type AmazonOperation,
  type AmazonCall,
  type UsagePlan,
} from './server.js';
export { type PlaceOrderInput, type OrderChangeNotification, type RecordedPackage } from './state.js';
export { runAmazon } from './cli.js';
