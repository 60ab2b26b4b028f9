import type { AccessTokenResponse, TokenStore } from '../auth/tokens.js';
import { mintSessionToken, type SessionTokenOptions } from '../auth/session-token.js';
import { parseId } from '../core/ids.js';
import type { SimCore } from '../core/sim-core.js';
import {
  addProducts,
  deleteProduct,
  findVariantBySku,
  updateVariant,
  type ProductInput,
  type VariantUpdate,
} from '../ops/catalog.js';
import {
  createFulfillmentService,
  createLocation,
  deleteLocation,
  updateLocation,
  type FulfillmentServiceInput,
  type LocationInput,
  type LocationUpdate,
} from '../ops/locations.js';
import { cancelOrder } from '../ops/order-cancel.js';
import { editOrder, type EditOrderInput } from '../ops/order-edit.js';
import { placeOrder, type PlaceOrderInput } from '../ops/place-order.js';
import type { OpResult } from '../ops/result.js';
import { approveReturn, declineReturn, requestReturn, createReturn } from '../ops/returns.js';
import { setStock, type SetStockInput } from '../ops/stock.js';
import { createShopState, normaliseShopDomain, type CreateShopInput } from '../state/shop-factory.js';
import type { SimShop } from '../state/types.js';
import { refill } from '../throttle/bucket.js';
import type {
  ChaosSettings,
  DeliveryFilter,
  DeliveryRecord,
  DeliverySettings,
  Dispatcher,
} from '../webhooks/dispatcher.js';
import {
  customerRedactPayload,
  dataRequestPayload,
  shopPayload,
  shopRedactPayload,
  type ComplianceInput,
} from '../webhooks/payloads/shop-payload.js';
import { orderPayload } from '../webhooks/payloads/order-payload.js';
import {
  levelSnapshot,
  locationSnapshot,
  orderSnapshot,
  productSnapshot,
  shopSnapshot,
  type LevelSnapshot,
  type LocationSnapshot,
  type OrderSnapshot,
  type ProductSnapshot,
  type ShopSnapshot,
} from './snapshots.js';
import type { GraphqlLogEntry, RequestLog } from './request-log.js';

/** A control call that cannot be done; `status` is the HTTP status the control API answers. */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

/** A return to open on an order, by SKU or line item; units come from its fulfillments. */
export interface ReturnRequestInput {
  lines: {
    sku?: string;
    lineItemId?: number | string;
    fulfillmentLineItemId?: number | string;
    quantity: number;
    customerNote?: string;
  }[];
  /** 'request' (REQUESTED, default), 'approve' (request then approve) or 'create' (returnCreate). */
  mode?: 'request' | 'approve' | 'create';
}

/** Compliance topics that can be fired on demand. */
export type ComplianceTopic = 'customers/data_request' | 'customers/redact' | 'shop/redact';

/** Throttle changes for a shop ("rate halved mid-run"). */
export interface ThrottlePatch {
  maximumAvailable?: number;
  restoreRate?: number;
  currentlyAvailable?: number;
}

interface ControlDeps {
  core: SimCore;
  tokens: TokenStore;
  dispatcher: Dispatcher;
  requestLog: RequestLog;
  setAppUrl: (url: string | null) => void;
}

function unwrap<T>(r: OpResult<T>): T {
  if (r.ok) return r.value;
  throw new ControlError(r.errors.map((e) => e.message).join('; '), 422, r.errors);
}

/** Typed helpers behind every /_sim route; tests and the demo call them in-process. */
export function createControl(deps: ControlDeps) {
  const { core, tokens, dispatcher } = deps;

  const shopOf = (domain: string): SimShop => {
    const shop = core.shops.get(normaliseShopDomain(domain));
    if (!shop) throw new ControlError(`Unknown shop ${domain}`, 404);
    return shop;
  };
  const orderOf = (shop: SimShop, id: number | string) => {
    const o = shop.orders.get(parseId(id, 'Order') ?? -1);
    if (!o) throw new ControlError(`Unknown order ${String(id)}`, 404);
    return o;
  };

  return {
    createShop(input: CreateShopInput): ShopSnapshot {
      const domain = normaliseShopDomain(input.domain);
      if (core.shops.has(domain)) throw new ControlError(`Shop ${domain} already exists`, 409);
      const shop = createShopState(core, { ...input, domain });
      core.shops.set(domain, shop);
      return shopSnapshot(shop);
    },
    listShops: (): ShopSnapshot[] => [...core.shops.values()].map(shopSnapshot),
    getShop: (domain: string): ShopSnapshot => shopSnapshot(shopOf(domain)),
    /** Installs the app (Shopify-managed install): token exchange works from now on. */
    installApp(domain: string): ShopSnapshot {
      const shop = shopOf(domain);
      shop.installed = true;
      return shopSnapshot(shop);
    },
    /** Uninstalls: app/uninstalled fires, then every token of the shop stops working. */
    uninstallApp(domain: string): ShopSnapshot {
      const shop = shopOf(domain);
      core.events.emit(shop, 'app/uninstalled', () => shopPayload(shop));
      shop.installed = false;
      tokens.revokeShop(shop.domain);
      return shopSnapshot(shop);
    },
    addProducts: (domain: string, products: ProductInput[]): ProductSnapshot[] => {
      const shop = shopOf(domain);
      try {
        return addProducts(core, shop, products).map((p) => productSnapshot(shop, p));
      } catch (e) {
        throw new ControlError((e as Error).message, 422);
      }
    },
    /** Changes the variant holding `sku` (products/update, inventory_items/update). */
    updateVariant: (domain: string, sku: string, update: VariantUpdate): ProductSnapshot => {
      const shop = shopOf(domain);
      const variant = findVariantBySku(shop, sku);
      if (!variant) throw new ControlError(`Unknown sku ${sku}`, 404);
      try {
        updateVariant(core, shop, variant, update);
      } catch (e) {
        throw new ControlError((e as Error).message, 422);
      }
      return productSnapshot(shop, shop.products.get(variant.productId)!);
    },
    /** Deletes the product holding `sku`, with all its variants (inventory_items/delete, products/delete). */
    deleteProduct: (domain: string, sku: string): void => {
      const shop = shopOf(domain);
      const variant = findVariantBySku(shop, sku);
      if (!variant) throw new ControlError(`Unknown sku ${sku}`, 404);
      deleteProduct(core, shop, shop.products.get(variant.productId)!);
    },
    listProducts: (domain: string): ProductSnapshot[] => {
      const shop = shopOf(domain);
      return [...shop.products.values()].map((p) => productSnapshot(shop, p));
    },
    createLocation: (domain: string, input: LocationInput): LocationSnapshot => {
      const shop = shopOf(domain);
      return locationSnapshot(shop, createLocation(core, shop, input));
    },
    updateLocation: (domain: string, id: number | string, update: LocationUpdate): LocationSnapshot => {
      const shop = shopOf(domain);
      const loc = shop.locations.get(parseId(id, 'Location') ?? -1);
      if (!loc) throw new ControlError(`Unknown location ${String(id)}`, 404);
      return locationSnapshot(shop, updateLocation(core, shop, loc, update));
    },
    deleteLocation: (domain: string, id: number | string): void => {
      const shop = shopOf(domain);
      const loc = shop.locations.get(parseId(id, 'Location') ?? -1);
      if (!loc) throw new ControlError(`Unknown location ${String(id)}`, 404);
      deleteLocation(core, shop, loc);
    },
    listLocations: (domain: string): LocationSnapshot[] => {
      const shop = shopOf(domain);
      return [...shop.locations.values()].map((l) => locationSnapshot(shop, l));
    },
    createFulfillmentService: (domain: string, input: FulfillmentServiceInput): LocationSnapshot => {
      const shop = shopOf(domain);
      const fs = createFulfillmentService(core, shop, input);
      const loc = shop.locations.get(fs.locationId);
      if (!loc) throw new ControlError('fulfillment service location missing', 500);
      return locationSnapshot(shop, loc);
    },
    /** Order of merchant-managed locations in Shopify's default routing (best first). */
    setLocationRanking: (domain: string, locationIds: (number | string)[]): number[] => {
      const shop = shopOf(domain);
      const ids = locationIds.map((id) => parseId(id, 'Location') ?? -1);
      for (const id of ids) if (!shop.locations.has(id)) throw new ControlError(`Unknown location ${id}`, 404);
      shop.locationRanking = [...ids, ...shop.locationRanking.filter((id) => !ids.includes(id))];
      return shop.locationRanking;
    },
    setStock: (domain: string, input: SetStockInput): LevelSnapshot => {
      const shop = shopOf(domain);
      return levelSnapshot(shop, unwrap(setStock(core, shop, input)));
    },
    inventory: (domain: string, filter: { sku?: string; locationId?: number | string } = {}): LevelSnapshot[] => {
      const shop = shopOf(domain);
      const itemId = filter.sku ? findVariantBySku(shop, filter.sku)?.inventoryItemId : undefined;
      if (filter.sku && itemId === undefined) throw new ControlError(`Unknown SKU ${filter.sku}`, 404);
      const locId = filter.locationId === undefined ? undefined : parseId(filter.locationId, 'Location');
      return [...shop.levels.values()]
        .filter(
          (l) =>
            (itemId === undefined || l.inventoryItemId === itemId) && (locId === undefined || l.locationId === locId),
        )
        .map((l) => levelSnapshot(shop, l));
    },
    placeOrder: (domain: string, input: PlaceOrderInput): OrderSnapshot => {
      const shop = shopOf(domain);
      return orderSnapshot(shop, unwrap(placeOrder(core, shop, input)));
    },
    getOrder: (domain: string, id: number | string): OrderSnapshot => {
      const shop = shopOf(domain);
      return orderSnapshot(shop, orderOf(shop, id));
    },
    listOrders: (domain: string): OrderSnapshot[] => {
      const shop = shopOf(domain);
      return [...shop.orders.values()].map((o) => orderSnapshot(shop, o));
    },
    cancelOrder: (
      domain: string,
      id: number | string,
      opts: { reason?: string; restock?: boolean; refund?: boolean } = {},
    ): OrderSnapshot => {
      const shop = shopOf(domain);
      const o = unwrap(
        cancelOrder(core, shop, {
          orderId: orderOf(shop, id).id,
          reason: opts.reason ?? 'CUSTOMER',
          restock: opts.restock ?? true,
          refund: opts.refund ?? true,
        }),
      );
      return orderSnapshot(shop, o);
    },
    /** A pending or authorized order gets paid (orders/paid, orders/updated). */
    markOrderPaid: (domain: string, id: number | string): OrderSnapshot => {
      const shop = shopOf(domain);
      const o = orderOf(shop, id);
      if (o.cancelledAt !== null || o.financialStatus === 'paid')
        throw new ControlError(
          `${o.name} cannot be marked as paid (${o.cancelledAt ? 'cancelled' : 'already paid'})`,
          422,
        );
      o.financialStatus = 'paid';
      o.updatedAt = core.clock.now();
      core.events.emit(shop, 'orders/paid', () => orderPayload(shop, o));
      core.events.emit(shop, 'orders/updated', () => orderPayload(shop, o));
      return orderSnapshot(shop, o);
    },
    editOrder: (domain: string, id: number | string, input: EditOrderInput): OrderSnapshot => {
      const shop = shopOf(domain);
      return orderSnapshot(shop, unwrap(editOrder(core, shop, orderOf(shop, id).id, input)));
    },
    /** Opens a return the way a customer (or the merchant) would. */
    requestReturn: (domain: string, orderId: number | string, input: ReturnRequestInput): OrderSnapshot => {
      const shop = shopOf(domain);
      const order = orderOf(shop, orderId);
      const lines = input.lines.map((l) => {
        let flId =
          l.fulfillmentLineItemId === undefined ? undefined : parseId(l.fulfillmentLineItemId, 'FulfillmentLineItem');
        if (flId === undefined) {
          const li =
            l.lineItemId !== undefined
              ? order.lineItems.find((x) => x.id === parseId(l.lineItemId, 'LineItem'))
              : order.lineItems.find((x) => x.sku === l.sku);
          if (!li) throw new ControlError(`No line ${l.sku ?? String(l.lineItemId)} on ${order.name}`, 404);
          for (const fid of order.fulfillmentIds) {
            const fl = shop.fulfillments.get(fid)?.lineItems.find((x) => x.lineItemId === li.id);
            if (fl) {
              flId = fl.id;
              break;
            }
          }
          if (flId === undefined) throw new ControlError(`${li.sku} on ${order.name} has not been fulfilled`, 422);
        }
        return { fulfillmentLineItemId: flId, quantity: l.quantity, customerNote: l.customerNote ?? null };
      });
      const mode = input.mode ?? 'request';
      if (mode === 'create') unwrap(createReturn(core, shop, { orderId: order.id, returnLineItems: lines }));
      else {
        const ret = unwrap(requestReturn(core, shop, { orderId: order.id, returnLineItems: lines }));
        if (mode === 'approve') unwrap(approveReturn(core, shop, ret.id));
      }
      return orderSnapshot(shop, order);
    },
    approveReturn: (domain: string, returnId: number | string): OrderSnapshot => {
      const shop = shopOf(domain);
      const r = unwrap(approveReturn(core, shop, returnId));
      return orderSnapshot(shop, orderOf(shop, r.orderId));
    },
    declineReturn: (domain: string, returnId: number | string, reason = 'OTHER', note?: string): OrderSnapshot => {
      const shop = shopOf(domain);
      const r = unwrap(declineReturn(core, shop, returnId, reason, note));
      return orderSnapshot(shop, orderOf(shop, r.orderId));
    },
    /** Fires a compliance webhook now (Shopify sends shop/redact 48 h after uninstall). */
    fireCompliance: (domain: string, topic: ComplianceTopic, input: ComplianceInput = {}): void => {
      const shop = shopOf(domain);
      if (topic === 'customers/data_request')
        core.events.emit(shop, topic, () => dataRequestPayload(shop, input, core.ids.next()));
      else if (topic === 'customers/redact') core.events.emit(shop, topic, () => customerRedactPayload(shop, input));
      else if (topic === 'shop/redact') core.events.emit(shop, topic, () => shopRedactPayload(shop));
      else throw new ControlError(`Unknown compliance topic ${String(topic)}`, 400);
    },
    /** An access token without the exchange dance (scripts, benches, tests not about auth). */
    issueAccessToken: (
      domain: string,
      opts: { expiring?: boolean; online?: boolean; userId?: number } = {},
    ): AccessTokenResponse => {
      const shop = shopOf(domain);
      if (!shop.installed) throw new ControlError(`The app is not installed on ${shop.domain}`, 409);
      return opts.online
        ? tokens.issueOnline(shop.domain, core.config.scopes, opts.userId ?? 1, shop.locale)
        : tokens.issueOffline(shop.domain, core.config.scopes, opts.expiring ?? false);
    },
    mintSessionToken: (domain: string, opts: SessionTokenOptions = {}): Promise<string> =>
      mintSessionToken(core.config.apiKey, core.config.apiSecret, shopOf(domain).domain, {
        nowMs: core.clock.now(),
        ...opts,
      }),
    setThrottle: (domain: string, patch: ThrottlePatch): ShopSnapshot => {
      const shop = shopOf(domain);
      refill(shop.bucket, core.clock.now());
      if (patch.maximumAvailable !== undefined) shop.bucket.maximumAvailable = patch.maximumAvailable;
      if (patch.restoreRate !== undefined) shop.bucket.restoreRate = patch.restoreRate;
      if (patch.currentlyAvailable !== undefined) shop.bucket.currentlyAvailable = patch.currentlyAvailable;
      shop.bucket.currentlyAvailable = Math.min(shop.bucket.currentlyAvailable, shop.bucket.maximumAvailable);
      return shopSnapshot(shop);
    },
    expireToken: (token: string): boolean => tokens.expire(token),
    setChaos: (patch: Partial<ChaosSettings>): ChaosSettings => dispatcher.setChaos(patch),
    chaos: (): ChaosSettings => dispatcher.chaos(),
    setDelivery: (patch: Partial<DeliverySettings>): DeliverySettings => dispatcher.setSettings(patch),
    replayWebhook: (id: string): DeliveryRecord => {
      const r = dispatcher.replay(id);
      if (!r) throw new ControlError(`Unknown delivery ${id}`, 404);
      return r;
    },
    webhookLog: (filter?: DeliveryFilter): DeliveryRecord[] => dispatcher.log(filter),
    requestLog: (filter?: { shop?: string; operationName?: string }): GraphqlLogEntry[] => deps.requestLog.list(filter),
    resetLogs: (): void => {
      dispatcher.resetLog();
      deps.requestLog.reset();
    },
    setAppUrl: (url: string | null): void => deps.setAppUrl(url),
  };
}

/** The control helpers, as `sim.control`. */
export type ShopifySimControl = ReturnType<typeof createControl>;
