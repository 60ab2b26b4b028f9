/** A Mirakl operator's seller API for tests and the demo; the app reaches it over HTTP only. */
export {
  createMiraklSim,
  publishedMinIntervals,
  parseSemicolonCsv,
  type MiraklSim,
  type MiraklSimOptions,
  type MiraklOperation,
  type MiraklCall,
} from './server.js';
export {
  defaultCarriers,
  type MiraklOrder,
  type MiraklOrderLine,
  type MiraklOrderState,
  type MiraklCarrier,
  type PlaceOrderInput,
  type StockImport,
} from './state.js';
export { runMirakl } from './cli.js';
