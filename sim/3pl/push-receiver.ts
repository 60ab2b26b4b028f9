import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../shopify/core/clock.js';
import { createPrng, seedFromString } from '../shopify/core/prng.js';
import { answerCancellations } from './cancellations.js';
import type { ShippingOptions } from './options.js';
import { cancelRequestSchema, dispatchOrderSchema, type PushedOrder } from './push-schemas.js';
import { verifyPushSignature } from './push-signature.js';
import { createShippingFloor, type ShippingFloor } from './shipping-floor.js';
import type { ThreePlStats } from './stats.js';

/** Chaos for reliability tests. Rates are shares of requests (after the signature check). */
export interface PushBehaviour {
  /** answer 500 without taking the order */
  failRate: number;
  /** hold the connection without taking the order, then cut it */
  timeoutRate: number;
  /** take the order, then hold the connection and cut it: the sender never hears the answer */
  succeedThenTimeoutRate: number;
  /** added before every answer */
  latencyMs: number | { min: number; max: number };
  /** how long a held connection stays open; longer than the sender's timeout */
  hangMs: number;
}

/** Options of {@link createPushReceiver}. With `appUrl` and `apiKey` it also ships what it takes, through the feed. */
export interface PushReceiverOptions extends Partial<ShippingOptions> {
  port?: number;
  host?: string;
  /** the warehouse's push secret, as the app holds it */
  secret: string;
  /** how far a signature's timestamp may be from now (default 300 s) */
  toleranceSeconds?: number;
  behaviour?: Partial<PushBehaviour>;
  /** pause between two shipping cycles once started (default 1000) */
  pollIntervalMs?: number;
}

/** An order the warehouse took (once per idempotency key). */
export interface ReceivedPush {
  reference: string;
  idempotencyKey: string;
  order: PushedOrder;
  receivedAt: number;
  /** false when the connection was cut after the order was taken */
  answered: boolean;
}

/** A repeat of a push already answered; it got the same answer and changed nothing. */
export interface DuplicatePush {
  path: string;
  idempotencyKey: string;
  at: number;
}

/** A cancellation the warehouse answered. */
export interface ReceivedCancel {
  allocationId: number;
  idempotencyKey: string;
  cancelled: boolean;
  at: number;
}

/** A push turned away before any processing. */
export interface RefusedPush {
  path: string;
  status: number;
  reason: string;
  at: number;
}

/** Counters of the receiving side, and of the shipping side when it ships. */
export interface PushReceiverStats {
  requests: number;
  accepted: number;
  duplicates: number;
  cancels: number;
  refused: number;
  failures: number;
  timeouts: number;
  succeededThenTimedOut: number;
  shipping: ThreePlStats | null;
}

/** A push-style 3PL; see {@link createPushReceiver}. */
export interface PushReceiver {
  /** Listens (and starts shipping when configured); resolves to the base URL to configure in the app. */
  start(): Promise<string>;
  stop(): Promise<void>;
  readonly url: string;
  received(): ReceivedPush[];
  duplicates(): DuplicatePush[];
  cancellations(): ReceivedCancel[];
  refusals(): RefusedPush[];
  stats(): PushReceiverStats;
  setBehaviour(patch: Partial<PushBehaviour>): void;
  /** One shipping cycle (cancellation requests, due parcels and scans); a no-op without a feed key. */
  tick(): Promise<void>;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const maxBody = 1_000_000;

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxBody) chunks.push(c);
    });
    req.on('end', () => resolve(size > maxBody ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A warehouse that takes orders pushed by the app: POST /orders and POST /orders/:id/cancel,
 * signed with Standard Webhooks headers (`webhook-id`, `-timestamp`, `-signature`; 401 when wrong or stale), deduplicated on `idempotency-key` (a repeat
 * gets the first answer and is counted once), answering `{ "reference": "..." }`. Chaos knobs
 * make it fail, hang, or take an order and hang.
 */
export function createPushReceiver(opts: PushReceiverOptions): PushReceiver {
  const clock = opts.clock ?? systemClock;
  const seed = typeof opts.seed === 'string' ? seedFromString(opts.seed) : (opts.seed ?? 1);
  const random = createPrng(seed ^ 0x9a5);
  const tolerance = opts.toleranceSeconds ?? 300;
  let behaviour: PushBehaviour = {
    failRate: 0,
    timeoutRate: 0,
    succeedThenTimeoutRate: 0,
    latencyMs: 0,
    hangMs: 30_000,
    ...opts.behaviour,
  };
  const floor: ShippingFloor | null =
    opts.appUrl && opts.apiKey
      ? createShippingFloor(
          { ...opts, appUrl: opts.appUrl, apiKey: opts.apiKey, name: opts.name ?? '3pl-push' },
          'track',
          seed,
        )
      : null;
  const log = opts.log ?? (() => {});
  const answers = new Map<string, { hash: string; answer: Answer }>();
  const received: ReceivedPush[] = [];
  const duplicates: DuplicatePush[] = [];
  const cancels: ReceivedCancel[] = [];
  const refusals: RefusedPush[] = [];
  const counters = { requests: 0, failures: 0, timeouts: 0, succeededThenTimedOut: 0 };
  const hanging = new Set<NodeJS.Timeout>();
  let server: Server | null = null;
  let url: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();
  let seq = 0;

  const send = (res: ServerResponse, a: Answer): void =>
    void res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
  const hang = (res: ServerResponse): void => {
    const t = setTimeout(() => {
      hanging.delete(t);
      res.socket?.destroy();
    }, behaviour.hangMs);
    hanging.add(t);
  };
  const refuse = (res: ServerResponse, path: string, status: number, reason: string, message: string): void => {
    refusals.push({ path, status, reason, at: clock.now() });
    send(res, { status, body: { error: reason, message } });
  };

  function takeOrder(raw: string, key: string): Answer {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { status: 400, body: { error: 'invalid_json', message: 'The body is not JSON' } };
    }
    const parsed = dispatchOrderSchema.safeParse(json);
    if (!parsed.success) return { status: 400, body: { error: 'invalid_order', message: parsed.error.message } };
    const order = parsed.data;
    const reference = `WMS-${String(++seq).padStart(6, '0')}`;
    received.push({ reference, idempotencyKey: key, order, receivedAt: clock.now(), answered: true });
    if (floor) {
      const lines = order.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity }));
      floor.book.commit(lines);
      const prepared = floor.shipper.prepare(
        {
          allocationId: order.allocationId,
          allocationKey: order.idempotencyKey,
          orderName: order.orderName,
          lines,
          city: order.shipTo?.city ?? null,
        },
        createPrng(seedFromString(`${seed}:${order.idempotencyKey}`)),
      );
      floor.stats.counters.acknowledged++;
      floor.shipper.accept(prepared, null);
    }
    log(`push: took ${order.orderName} (allocation ${order.allocationId}) as ${reference}`);
    return { status: 201, body: { reference } };
  }

  function cancelOrder(allocationId: number, raw: string, key: string): Answer {
    const parsed = cancelRequestSchema.safeParse(
      (() => {
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          return null;
        }
      })(),
    );
    if (!parsed.success || parsed.data.allocationId !== allocationId)
      return {
        status: 400,
        body: { error: 'invalid_cancel', message: 'allocationId missing or different from the path' },
      };
    if (!received.some((r) => r.order.allocationId === allocationId))
      return { status: 404, body: { error: 'unknown_order', message: `No order for allocation ${allocationId}` } };
    const cancelled = !(floor?.shipper.anyShipped(allocationId) ?? false);
    if (cancelled) floor?.shipper.cancelled(allocationId);
    cancels.push({ allocationId, idempotencyKey: key, cancelled, at: clock.now() });
    return { status: 200, body: cancelled ? { cancelled: true } : { cancelled: false, reason: 'already_shipped' } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    counters.requests++;
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    const cancelPath = /^\/orders\/(\d+)\/cancel$/.exec(path);
    if (req.method !== 'POST' || (path !== '/orders' && !cancelPath))
      return send(res, { status: 404, body: { error: 'not_found', message: `No route for ${req.method} ${path}` } });
    const raw = await readBody(req);
    if (raw === null) return refuse(res, path, 413, 'payload_too_large', 'The body is too large');
    const header = (n: string): string | undefined => (typeof req.headers[n] === 'string' ? req.headers[n] : undefined);
    const check = verifyPushSignature(
      {
        'webhook-id': header('webhook-id'),
        'webhook-timestamp': header('webhook-timestamp'),
        'webhook-signature': header('webhook-signature'),
      },
      raw,
      opts.secret,
      Math.floor(clock.now() / 1000),
      tolerance,
    );
    if (!check.ok)
      return refuse(
        res,
        path,
        401,
        check.reason === 'stale' ? 'stale_signature' : 'invalid_signature',
        `signature ${check.reason}`,
      );
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !key)
      return refuse(res, path, 400, 'missing_idempotency_key', 'An idempotency-key header is required');

    const latency =
      typeof behaviour.latencyMs === 'number'
        ? behaviour.latencyMs
        : random.int(behaviour.latencyMs.min, behaviour.latencyMs.max);
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const roll = random.next();
    if (roll < behaviour.failRate) {
      counters.failures++;
      return send(res, { status: 500, body: { error: 'internal_error', message: 'The warehouse system failed' } });
    }
    if (roll < behaviour.failRate + behaviour.timeoutRate) {
      counters.timeouts++;
      return hang(res);
    }

    const hash = createHash('sha256').update(`${path}\n${raw}`).digest('hex');
    const stored = answers.get(key);
    if (stored) {
      if (stored.hash !== hash)
        return refuse(res, path, 409, 'idempotency_key_reused', 'This idempotency key came with a different request');
      duplicates.push({ path, idempotencyKey: key, at: clock.now() });
      return send(res, stored.answer);
    }
    const answer = cancelPath ? cancelOrder(Number(cancelPath[1]), raw, key) : takeOrder(raw, key);
    answers.set(key, { hash, answer });
    if (answer.status < 300 && roll < behaviour.failRate + behaviour.timeoutRate + behaviour.succeedThenTimeoutRate) {
      counters.succeededThenTimedOut++;
      const r = received.at(-1);
      if (!cancelPath && r) r.answered = false;
      return hang(res);
    }
    send(res, answer);
  }

  const cycle = async (): Promise<void> => {
    if (!floor) return;
    try {
      await answerCancellations({
        client: floor.client,
        shipper: floor.shipper,
        stats: floor.stats,
        log,
        concurrency: floor.concurrency,
      });
    } catch (e) {
      floor.stats.counters.errors++;
      log(`push: cancellation requests failed: ${(e as Error).message}`);
    }
    await floor.shipper.runDue();
  };
  const tick = (): Promise<void> => (chain = chain.then(cycle));

  return {
    async start() {
      if (url) return url;
      server = createServer((req, res) => {
        handle(req, res).catch((e: unknown) => {
          log(`push: ${(e as Error).message}`);
          if (!res.headersSent)
            send(res, { status: 500, body: { error: 'internal_error', message: 'The warehouse system failed' } });
        });
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      url = `http://${opts.host ?? '127.0.0.1'}:${port}`;
      if (floor) {
        const loop = async (): Promise<void> => {
          await tick();
          if (url) timer = setTimeout(() => void loop(), opts.pollIntervalMs ?? 1000);
        };
        void loop();
      }
      return url;
    },
    async stop() {
      url = null;
      if (timer) clearTimeout(timer);
      for (const t of hanging) clearTimeout(t);
      hanging.clear();
      await chain;
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((r) => server!.close(() => r()));
        server = null;
      }
    },
    get url() {
      if (!url) throw new Error('the push receiver is not started');
      return url;
    },
    received: () => received.map((r) => structuredClone(r)),
    duplicates: () => duplicates.map((d) => ({ ...d })),
    cancellations: () => cancels.map((c) => ({ ...c })),
    refusals: () => refusals.map((r) => ({ ...r })),
    stats: () => ({
      ...counters,
      accepted: received.length,
      duplicates: duplicates.length,
      cancels: cancels.length,
      refused: refusals.length,
      shipping: floor ? floor.stats.snapshot() : null,
    }),
    setBehaviour(patch) {
      behaviour = { ...behaviour, ...patch };
    },
    tick,
  };
}
