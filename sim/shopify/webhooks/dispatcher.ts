import { createHmac, randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { Prng } from '../core/prng.js';
import type { EventSink, FulfillmentServiceNotifier, PayloadThunk } from '../core/sim-core.js';
import { createHttpSender } from '../core/http-sender.js';
import { isoUtc } from '../core/time-format.js';
import type { SimShop } from '../state/types.js';
import { resolveUri, trimPayload, type WebhookSubscription } from './subscriptions.js';
import type { ChaosSettings, DeliveryFilter, DeliveryRecord, DeliverySettings } from './delivery-types.js';

export { DEFAULT_DELIVERY, NO_CHAOS } from './delivery-types.js';
export type {
  ChaosSettings,
  DeliveryAttempt,
  DeliveryFilter,
  DeliveryRecord,
  DeliverySettings,
  DropRule,
} from './delivery-types.js';

/** What the dispatcher needs from the simulator. */
export interface DispatcherDeps {
  secret: () => string;
  apiVersion: string;
  clock: Clock;
  prng: Prng;
  subscriptions: () => readonly WebhookSubscription[];
  appUrl: () => string | null;
  settings: DeliverySettings;
  chaos: ChaosSettings;
  maxLog: number;
}

/** Sends webhooks and fulfillment-service callbacks the way Shopify does, with chaos on demand. */
export interface Dispatcher extends EventSink, FulfillmentServiceNotifier {
  log(filter?: DeliveryFilter): DeliveryRecord[];
  resetLog(): void;
  chaos(): ChaosSettings;
  setChaos(patch: Partial<ChaosSettings>): ChaosSettings;
  settings(): DeliverySettings;
  setSettings(patch: Partial<DeliverySettings>): DeliverySettings;
  replay(id: string): DeliveryRecord | null;
  /** Resolves when nothing is pending, held or scheduled. */
  waitForIdle(timeoutMs?: number): Promise<void>;
  /** Extra work (bulk runs) that waitForIdle must also wait for. */
  track(work: Promise<void>): void;
  close(): void;
}

export function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  let chaos: ChaosSettings = { ...deps.chaos, dropNext: deps.chaos.dropNext.map((r) => ({ ...r })) };
  let settings: DeliverySettings = { ...deps.settings };
  const records: DeliveryRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const held = new Map<string, DeliveryRecord[]>();
  const extra = new Set<Promise<void>>();
  let pending = 0;
  let active = 0;
  let closed = false;
  const queue: (() => void)[] = [];
  let waiters: (() => void)[] = [];

  const idle = (): boolean => pending === 0 && extra.size === 0 && [...held.values()].every((h) => h.length === 0);
  const notifyIdle = (): void => {
    if (!idle()) return;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) fn();
    }, ms);
    timers.add(t);
  };
  const keep = (r: DeliveryRecord): void => {
    records.push(r);
    if (records.length > deps.maxLog) records.splice(0, records.length - deps.maxLog);
  };
  const finish = (r: DeliveryRecord, status: DeliveryRecord['status']): void => {
    r.status = status;
    pending--;
    notifyIdle();
  };

  const http = createHttpSender();
  const withSlot = async (fn: () => Promise<void>): Promise<void> => {
    if (active >= settings.maxConcurrent) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  };

  const headersOf = (r: DeliveryRecord): Record<string, string> => {
    const h: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Shopify-Captain-Hook',
      'x-shopify-hmac-sha256': sign(r.body, deps.secret()),
      'x-shopify-shop-domain': r.shop,
    };
    if (r.kind === 'webhook') {
      h['x-shopify-topic'] = r.topic;
      h['x-shopify-api-version'] = deps.apiVersion;
      h['x-shopify-webhook-id'] = r.id;
      h['x-shopify-event-id'] = r.eventId;
      h['x-shopify-triggered-at'] = r.triggeredAt;
      if (r.name) h['x-shopify-name'] = r.name;
    }
    return h;
  };

  const attempt = async (r: DeliveryRecord): Promise<boolean> => {
    if (!r.url) return false;
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    await withSlot(async () => {
      try {
        // a body cut short still leaves the status that came first
        status = (
          await http.send(r.url as string, {
            method: 'POST',
            headers: headersOf(r),
            body: r.body,
            timeoutMs: settings.timeoutMs,
          })
        ).status;
      } catch (e) {
        error =
          e instanceof Error
            ? e.name === 'TimeoutError'
              ? `timeout after ${settings.timeoutMs} ms`
              : e.message
            : String(e);
      }
    });
    r.attempts.push({ at: isoUtc(deps.clock.now()), status, error, ms: Date.now() - started });
    return status !== null && status >= 200 && status < 300;
  };

  const run = async (r: DeliveryRecord): Promise<void> => {
    if (closed) return;
    const okNow = await attempt(r);
    if (okNow) return finish(r, 'delivered');
    const retries = r.attempts.length - 1;
    if (retries >= (r.kind === 'webhook' ? settings.maxRetries : Math.min(3, settings.maxRetries)))
      return finish(r, 'failed');
    later(settings.retryBaseMs * 2 ** retries, () => void run(r));
  };

  const releaseHeld = (shop: string): void => {
    const list = held.get(shop);
    if (!list || list.length === 0) return;
    held.set(shop, []);
    for (const r of list) void run(r);
    notifyIdle();
  };

  const dispatch = (r: DeliveryRecord, allowChaos: boolean): void => {
    keep(r);
    if (!r.url) {
      r.status = 'skipped';
      return;
    }
    pending++;
    const start = (): void => {
      if (allowChaos && chaos.reorderRate > 0 && deps.prng.chance(chaos.reorderRate)) {
        r.chaos.push('reordered');
        const list = held.get(r.shop) ?? [];
        list.push(r);
        held.set(r.shop, list);
        later(settings.reorderHoldMs, () => releaseHeld(r.shop));
        return;
      }
      void run(r).then(() => releaseHeld(r.shop));
    };
    const delay = allowChaos
      ? chaos.delayMs + (chaos.delayJitterMs > 0 ? deps.prng.int(0, chaos.delayJitterMs) : 0)
      : 0;
    if (delay > 0) {
      r.chaos.push(`delayed ${delay} ms`);
      later(delay, start);
    } else start();
  };

  const dropped = (topic: string): boolean => {
    const rule = chaos.dropNext.find((d) => d.count > 0 && (d.topic === '*' || d.topic === topic));
    if (rule) {
      rule.count--;
      chaos.dropNext = chaos.dropNext.filter((d) => d.count > 0);
      return true;
    }
    return chaos.dropRate > 0 && deps.prng.chance(chaos.dropRate);
  };

  const newRecord = (
    shop: SimShop,
    topic: string,
    sub: WebhookSubscription,
    body: string,
    eventId: string,
  ): DeliveryRecord => ({
    id: randomUUID(),
    eventId,
    kind: 'webhook',
    topic,
    shop: shop.domain,
    url: resolveUri(sub.uri, deps.appUrl()),
    name: sub.name,
    body,
    triggeredAt: new Date(deps.clock.now()).toISOString(),
    status: 'pending',
    attempts: [],
    duplicateOf: null,
    replayOf: null,
    chaos: [],
  });

  return {
    emit(shop: SimShop, topic: string, thunk: PayloadThunk): void {
      if (closed) return;
      if (!shop.installed && topic !== 'shop/redact' && topic !== 'app/uninstalled') return;
      const subs = deps.subscriptions().filter((s) => s.topic === topic);
      if (subs.length === 0) return;
      const payload = thunk();
      const eventId = randomUUID();
      for (const sub of subs) {
        const r = newRecord(shop, topic, sub, JSON.stringify(trimPayload(payload, sub.includeFields)), eventId);
        if (r.url && dropped(topic)) {
          r.status = 'dropped';
          r.chaos.push('dropped');
          keep(r);
          continue;
        }
        dispatch(r, true);
        if (r.url && chaos.duplicateRate > 0 && deps.prng.chance(chaos.duplicateRate)) {
          r.chaos.push('duplicated');
          dispatch({ ...r, attempts: [], status: 'pending', duplicateOf: r.id, chaos: ['duplicate'] }, true);
        }
      }
    },
    notify(shop: SimShop, callbackUrl: string, kind: 'FULFILLMENT_REQUEST' | 'CANCELLATION_REQUEST'): void {
      if (closed) return;
      dispatch(
        {
          id: randomUUID(),
          eventId: randomUUID(),
          kind: 'fulfillment_service_callback',
          topic: kind,
          shop: shop.domain,
          url: `${callbackUrl.replace(/\/+$/, '')}/fulfillment_order_notification`,
          name: null,
          body: JSON.stringify({ kind }),
          triggeredAt: isoUtc(deps.clock.now()),
          status: 'pending',
          attempts: [],
          duplicateOf: null,
          replayOf: null,
          chaos: [],
        },
        false,
      );
    },
    log(filter: DeliveryFilter = {}): DeliveryRecord[] {
      return records.filter(
        (r) =>
          (!filter.topic || r.topic === filter.topic) &&
          (!filter.shop || r.shop === filter.shop) &&
          (!filter.status || r.status === filter.status) &&
          (!filter.kind || r.kind === filter.kind),
      );
    },
    resetLog(): void {
      records.length = 0;
    },
    chaos: () => ({ ...chaos, dropNext: chaos.dropNext.map((r) => ({ ...r })) }),
    setChaos(patch: Partial<ChaosSettings>): ChaosSettings {
      chaos = { ...chaos, ...patch, dropNext: (patch.dropNext ?? chaos.dropNext).map((r) => ({ ...r })) };
      return { ...chaos };
    },
    settings: () => ({ ...settings }),
    setSettings(patch: Partial<DeliverySettings>): DeliverySettings {
      settings = { ...settings, ...patch };
      return { ...settings };
    },
    replay(id: string): DeliveryRecord | null {
      const original = records.find((r) => r.id === id);
      if (!original) return null;
      const r: DeliveryRecord = {
        ...original,
        id: randomUUID(),
        eventId: randomUUID(),
        triggeredAt: new Date(deps.clock.now()).toISOString(),
        status: 'pending',
        attempts: [],
        duplicateOf: null,
        replayOf: original.id,
        chaos: ['replay'],
      };
      dispatch(r, false);
      return r;
    },
    waitForIdle(timeoutMs = 30_000): Promise<void> {
      if (idle()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`webhooks still pending after ${timeoutMs} ms (${pending} pending)`)),
          timeoutMs,
        );
        waiters.push(() => {
          clearTimeout(t);
          // let the last completion settle its own callers first
          setImmediate(resolve);
        });
      });
    },
    track(work: Promise<void>): void {
      extra.add(work);
      void work.finally(() => {
        extra.delete(work);
        notifyIdle();
      });
    },
    close(): void {
      closed = true;
      http.closeIdle();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    },
  };
}
