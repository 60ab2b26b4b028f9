import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ControlError,
  type ComplianceTopic,
  type ReturnRequestInput,
  type ShopifySimControl,
  type ThrottlePatch,
} from '../control/control-api.js';
import type { ProductInput, VariantUpdate } from '../ops/catalog.js';
import type { EditOrderInput } from '../ops/order-edit.js';
import type { FulfillmentServiceInput, LocationInput, LocationUpdate } from '../ops/locations.js';
import type { PlaceOrderInput } from '../ops/place-order.js';
import type { SetStockInput } from '../ops/stock.js';
import type { CreateShopInput } from '../state/shop-factory.js';
import type { ChaosSettings, DeliveryRecord, DeliverySettings } from '../webhooks/dispatcher.js';
import type { ComplianceInput } from '../webhooks/payloads/shop-payload.js';
import { parseBody, readBody, sendJson } from './io.js';

type Body = { [k: string]: unknown };
type Handler = (p: string[], body: Body, url: URL) => unknown;

/** Extra control endpoints that are not in the typed control object. */
export interface ControlRouteExtras {
  advanceClock: ((ms: number) => number) | null;
  bulkResult: (shop: string, id: string) => string | null;
}

function as<T>(body: Body): T {
  return body as unknown as T;
}

const COMPLIANCE: Record<string, ComplianceTopic> = {
  'customers-data-request': 'customers/data_request',
  'customers/data_request': 'customers/data_request',
  'customers-redact': 'customers/redact',
  'customers/redact': 'customers/redact',
  'shop-redact': 'shop/redact',
  'shop/redact': 'shop/redact',
};

/** JSON routes under /_sim; see sim/README.md for the list. */
export function createControlRoutes(control: ShopifySimControl, extras: ControlRouteExtras) {
  const S = '/_sim/shops/([^/]+)';
  const routes: [string, RegExp, Handler][] = [
    ['GET', /^\/_sim\/health$/, () => ({ ok: true })],
    ['POST', /^\/_sim\/shops$/, (_p, b) => control.createShop(as<CreateShopInput>(b))],
    ['GET', /^\/_sim\/shops$/, () => control.listShops()],
    ['GET', new RegExp(`^${S}$`), ([s]) => control.getShop(s ?? '')],
    ['POST', new RegExp(`^${S}/install$`), ([s]) => control.installApp(s ?? '')],
    ['POST', new RegExp(`^${S}/uninstall$`), ([s]) => control.uninstallApp(s ?? '')],
    [
      'POST',
      new RegExp(`^${S}/products$`),
      ([s], b) => control.addProducts(s ?? '', (b.products as ProductInput[] | undefined) ?? [as<ProductInput>(b)]),
    ],
    ['GET', new RegExp(`^${S}/products$`), ([s]) => control.listProducts(s ?? '')],
    [
      'PATCH',
      new RegExp(`^${S}/variants/([^/]+)$`),
      ([s, sku], b) => control.updateVariant(s ?? '', decodeURIComponent(sku ?? ''), as<VariantUpdate>(b)),
    ],
    ['POST', new RegExp(`^${S}/locations$`), ([s], b) => control.createLocation(s ?? '', as<LocationInput>(b))],
    ['GET', new RegExp(`^${S}/locations$`), ([s]) => control.listLocations(s ?? '')],
    [
      'PATCH',
      new RegExp(`^${S}/locations/([^/]+)$`),
      ([s, id], b) => control.updateLocation(s ?? '', id ?? '', as<LocationUpdate>(b)),
    ],
    [
      'DELETE',
      new RegExp(`^${S}/locations/([^/]+)$`),
      ([s, id]) => {
        control.deleteLocation(s ?? '', id ?? '');
        return { deleted: true };
      },
    ],
    [
      'POST',
      new RegExp(`^${S}/fulfillment-services$`),
      ([s], b) => control.createFulfillmentService(s ?? '', as<FulfillmentServiceInput>(b)),
    ],
    [
      'PUT',
      new RegExp(`^${S}/location-ranking$`),
      ([s], b) => ({
        locationRanking: control.setLocationRanking(s ?? '', (b.locationIds as (number | string)[]) ?? []),
      }),
    ],
    [
      'POST',
      new RegExp(`^${S}/stock$`),
      ([s], b) =>
        Array.isArray(b.levels)
          ? (b.levels as SetStockInput[]).map((l) => control.setStock(s ?? '', l))
          : control.setStock(s ?? '', as<SetStockInput>(b)),
    ],
    [
      'GET',
      new RegExp(`^${S}/inventory$`),
      ([s], _b, url) =>
        control.inventory(s ?? '', {
          sku: url.searchParams.get('sku') ?? undefined,
          locationId: url.searchParams.get('locationId') ?? undefined,
        }),
    ],
    ['POST', new RegExp(`^${S}/orders$`), ([s], b) => control.placeOrder(s ?? '', as<PlaceOrderInput>(b))],
    ['GET', new RegExp(`^${S}/orders$`), ([s]) => control.listOrders(s ?? '')],
    ['GET', new RegExp(`^${S}/orders/([^/]+)$`), ([s, id]) => control.getOrder(s ?? '', id ?? '')],
    [
      'POST',
      new RegExp(`^${S}/orders/([^/]+)/cancel$`),
      ([s, id], b) =>
        control.cancelOrder(s ?? '', id ?? '', as<{ reason?: string; restock?: boolean; refund?: boolean }>(b)),
    ],
    ['POST', new RegExp(`^${S}/orders/([^/]+)/mark-paid$`), ([s, id]) => control.markOrderPaid(s ?? '', id ?? '')],
    [
      'POST',
      new RegExp(`^${S}/orders/([^/]+)/edit$`),
      ([s, id], b) => control.editOrder(s ?? '', id ?? '', as<EditOrderInput>(b)),
    ],
    [
      'POST',
      new RegExp(`^${S}/orders/([^/]+)/returns$`),
      ([s, id], b) => control.requestReturn(s ?? '', id ?? '', as<ReturnRequestInput>(b)),
    ],
    ['POST', new RegExp(`^${S}/returns/([^/]+)/approve$`), ([s, id]) => control.approveReturn(s ?? '', id ?? '')],
    [
      'POST',
      new RegExp(`^${S}/returns/([^/]+)/decline$`),
      ([s, id], b) =>
        control.declineReturn(s ?? '', id ?? '', (b.reason as string) ?? 'OTHER', b.note as string | undefined),
    ],
    [
      'POST',
      new RegExp(`^${S}/compliance/(.+)$`),
      ([s, t], b) => {
        const topic = COMPLIANCE[decodeURIComponent(t ?? '')];
        if (!topic) throw new ControlError(`Unknown compliance topic ${t ?? ''}`, 400);
        control.fireCompliance(s ?? '', topic, as<ComplianceInput>(b));
        return { fired: topic };
      },
    ],
    [
      'POST',
      new RegExp(`^${S}/session-token$`),
      async ([s], b) => ({ token: await control.mintSessionToken(s ?? '', as<{ userId?: number }>(b)) }),
    ],
    [
      'POST',
      new RegExp(`^${S}/access-token$`),
      ([s], b) => control.issueAccessToken(s ?? '', as<{ expiring?: boolean; online?: boolean; userId?: number }>(b)),
    ],
    ['PUT', new RegExp(`^${S}/throttle$`), ([s], b) => control.setThrottle(s ?? '', as<ThrottlePatch>(b))],
    [
      'GET',
      /^\/_sim\/requests$/,
      (_p, _b, url) =>
        control.requestLog({
          shop: url.searchParams.get('shop') ?? undefined,
          operationName: url.searchParams.get('operationName') ?? undefined,
        }),
    ],
    [
      'GET',
      /^\/_sim\/webhooks$/,
      (_p, _b, url) =>
        control.webhookLog({
          topic: url.searchParams.get('topic') ?? undefined,
          shop: url.searchParams.get('shop') ?? undefined,
          status: (url.searchParams.get('status') ?? undefined) as DeliveryRecord['status'] | undefined,
          kind: (url.searchParams.get('kind') ?? undefined) as DeliveryRecord['kind'] | undefined,
        }),
    ],
    ['POST', /^\/_sim\/webhooks\/([^/]+)\/replay$/, ([id]) => control.replayWebhook(id ?? '')],
    [
      'DELETE',
      /^\/_sim\/logs$/,
      () => {
        control.resetLogs();
        return { reset: true };
      },
    ],
    ['GET', /^\/_sim\/chaos$/, () => control.chaos()],
    ['PUT', /^\/_sim\/chaos$/, (_p, b) => control.setChaos(as<Partial<ChaosSettings>>(b))],
    ['PUT', /^\/_sim\/delivery$/, (_p, b) => control.setDelivery(as<Partial<DeliverySettings>>(b))],
    [
      'PUT',
      /^\/_sim\/config$/,
      (_p, b) => {
        if ('appUrl' in b) control.setAppUrl((b.appUrl as string | null) ?? null);
        return { ok: true };
      },
    ],
    ['POST', /^\/_sim\/tokens\/expire$/, (_p, b) => ({ expired: control.expireToken(String(b.token ?? '')) })],
    [
      'POST',
      /^\/_sim\/clock\/advance$/,
      (_p, b) => {
        if (!extras.advanceClock) throw new ControlError('The simulator runs on the system clock', 409);
        return { now: extras.advanceClock(Number(b.ms ?? 0)) };
      },
    ],
  ];

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const bulk = /^\/_sim\/bulk\/([^/]+)\/(\d+)\.jsonl$/.exec(url.pathname);
    if (bulk && req.method === 'GET') {
      const text = extras.bulkResult(bulk[1] ?? '', bulk[2] ?? '');
      if (text === null) return sendJson(res, 404, { error: 'Not found' });
      res.writeHead(200, { 'content-type': 'application/jsonl', 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
      return;
    }
    for (const [method, re, handler] of routes) {
      if (method !== req.method) continue;
      const m = re.exec(url.pathname);
      if (!m) continue;
      const body = parseBody(req, await readBody(req));
      if (body === null) return sendJson(res, 400, { error: 'Body must be a JSON object' });
      try {
        const result = await handler(
          m.slice(1).map((x) => decodeURIComponent(x)),
          body,
          url,
        );
        return sendJson(res, 200, result ?? { ok: true });
      } catch (e) {
        if (e instanceof ControlError) return sendJson(res, e.status, { error: e.message, details: e.details });
        throw e;
      }
    }
    sendJson(res, 404, { error: `No control route ${req.method ?? ''} ${url.pathname}` });
  };
}
