import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import {
  createMiraklState,
  defaultCarriers,
  MiraklSimError,
  type MiraklCarrier,
  type MiraklOrder,
  type MiraklState,
  type PlaceOrderInput,
} from './state.js';

/** Mirakl operations the simulator meters, by their code in Mirakl's API reference. */
export type MiraklOperation = 'A01' | 'OR11' | 'OR21' | 'OR23' | 'OR24' | 'SH21' | 'STO01' | 'STO02';

export interface MiraklSimOptions {
  /** the shop API key the seller back office would show */
  apiKey: string;
  shopName?: string;
  shopId?: number;
  carriers?: MiraklCarrier[];
  /** the operator's call-frequency maxima; a call sooner than this answers 429 with Retry-After */
  minIntervalMs?: Partial<Record<MiraklOperation, number>>;
  /** OR11 reaches back this far before start_update_date, as Mirakl does so no order is missed */
  updateOverlapMs?: number;
  debitDelayMs?: number;
  host?: string;
  now?: () => Date;
}

/** A fault injected through the control API: every seller call answers it until `until`. */
interface Fault {
  status: number;
  until: number;
  retryAfterSeconds: number;
}

export interface MiraklCall {
  operation: MiraklOperation;
  at: string;
  status: number;
}

/** The published maxima (channels-3pl-carriers §3.3, §3.4): OR11 and STO01 once a minute. */
export const publishedMinIntervals: Partial<Record<MiraklOperation, number>> = { OR11: 60_000, STO01: 60_000 };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function createMiraklSim(opts: MiraklSimOptions) {
  const now = opts.now ?? (() => new Date());
  const state: MiraklState = createMiraklState({
    now,
    carriers: opts.carriers ?? defaultCarriers,
    debitDelayMs: opts.debitDelayMs ?? 0,
  });
  const limits: Partial<Record<MiraklOperation, number>> = { ...(opts.minIntervalMs ?? {}) };
  const lastCall = new Map<MiraklOperation, number>();
  const calls: MiraklCall[] = [];
  let fault: Fault | null = null;
  const overlapMs = opts.updateOverlapMs ?? 2_000;
  const app: FastifyInstance = Fastify({ logger: false });

  const error = (reply: FastifyReply, status: number, message: string) => reply.code(status).send({ status, message });

  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  /** Auth, injected faults and call frequency, in the order a gateway applies them. */
  const guard = (operation: MiraklOperation) => async (req: FastifyRequest, reply: FastifyReply) => {
    const record = (status: number) => calls.push({ operation, at: now().toISOString(), status });
    if (req.headers.authorization !== opts.apiKey) {
      record(401);
      return error(reply, 401, 'Unauthorized');
    }
    const t = now().getTime();
    if (fault && fault.until > t) {
      record(fault.status);
      if (fault.status === 429) reply.header('Retry-After', String(fault.retryAfterSeconds));
      return error(reply, fault.status, fault.status === 429 ? 'Too Many Requests' : 'Service temporarily unavailable');
    }
    const min = limits[operation];
    const last = lastCall.get(operation);
    if (min && last !== undefined && t - last < min) {
      record(429);
      reply.header('Retry-After', String(Math.ceil((min - (t - last)) / 1000)));
      return error(
        reply,
        429,
        `Call frequency exceeded for ${operation}: at most one call every ${Math.round(min / 1000)} s`,
      );
    }
    lastCall.set(operation, t);
    record(200);
    state.tick();
  };

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof MiraklSimError) return error(reply, err.status, err.message);
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    return error(reply, status, status >= 500 ? 'Internal error' : (err as Error).message);
  });

  app.get('/api/account', { preHandler: guard('A01') }, async () => ({
    shop_id: opts.shopId ?? 2001,
    shop_name: opts.shopName ?? 'Boutique démo',
    shop_state: 'OPEN',
    currency_iso_code: 'EUR',
    is_professional: true,
  }));

  app.get('/api/shipping/carriers', { preHandler: guard('SH21') }, async () => ({ carriers: state.carriers }));

  app.get('/api/orders', { preHandler: guard('OR11') }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    for (const k of ['start_update_date', 'end_update_date', 'start_date', 'end_date'] as const) {
      if (q[k] !== undefined && !ISO.test(q[k]!))
        return error(reply, 400, `Invalid date format for parameter '${k}': ${q[k]}`);
    }
    const max = q.max === undefined ? 10 : Number(q.max);
    const offset = q.offset === undefined ? 0 : Number(q.offset);
    if (!Number.isInteger(max) || max < 1 || max > 100)
      return error(reply, 400, 'Parameter max must be between 1 and 100');
    if (!Number.isInteger(offset) || offset < 0)
      return error(reply, 400, 'Parameter offset must be a positive integer');
    const ids = q.order_ids ? new Set(q.order_ids.split(',')) : null;
    const states = q.order_state_codes ? new Set(q.order_state_codes.split(',')) : null;
    const from = q.start_update_date ? Date.parse(q.start_update_date) - overlapMs : null;
    const to = q.end_update_date ? Date.parse(q.end_update_date) : null;
    const createdFrom = q.start_date ? Date.parse(q.start_date) : null;
    const createdTo = q.end_date ? Date.parse(q.end_date) : null;
    const desc = q.order === 'desc';
    const key = q.sort === 'lastUpdated' ? (o: MiraklOrder) => o.last_updated_date : (o: MiraklOrder) => o.created_date;
    const matching = state
      .list()
      .filter((o) => (!ids || ids.has(o.order_id)) && (!states || states.has(o.order_state)))
      .filter(
        (o) =>
          (from === null || Date.parse(o.last_updated_date) >= from) &&
          (to === null || Date.parse(o.last_updated_date) <= to),
      )
      .filter(
        (o) =>
          (createdFrom === null || Date.parse(o.created_date) >= createdFrom) &&
          (createdTo === null || Date.parse(o.created_date) <= createdTo),
      )
      .sort(
        (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.order_id < b.order_id ? -1 : 1) * (desc ? -1 : 1),
      );
    const page = q.paginate === 'false' ? matching : matching.slice(offset, offset + max);
    return { orders: page, total_count: matching.length };
  });

  app.put('/api/orders/:id/accept', { preHandler: guard('OR21') }, async (req, reply) => {
    const body = req.body as { order_lines?: { id?: unknown; accepted?: unknown }[] } | null;
    if (
      !body ||
      !Array.isArray(body.order_lines) ||
      body.order_lines.some((l) => typeof l.id !== 'string' || typeof l.accepted !== 'boolean')
    ) {
      return error(reply, 400, 'Body must be {"order_lines":[{"id":"<order_line_id>","accepted":true|false}]}');
    }
    state.accept((req.params as { id: string }).id, body.order_lines as { id: string; accepted: boolean }[]);
    return reply.code(204).send();
  });

  app.put('/api/orders/:id/tracking', { preHandler: guard('OR23') }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string | null | undefined>;
    state.tracking((req.params as { id: string }).id, body);
    return reply.code(204).send();
  });

  app.put('/api/orders/:id/ship', { preHandler: guard('OR24') }, async (req, reply) => {
    state.ship((req.params as { id: string }).id);
    return reply.code(204).send();
  });

  app.post('/api/offers/stock/imports', { preHandler: guard('STO01') }, async (req, reply) => {
    let form: FormData | null = null;
    try {
      form = await new Request('http://sim/', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: new Uint8Array(req.body as Buffer),
      }).formData();
    } catch (e) {
      // not a multipart body: Mirakl answers 400, as below
      req.log.info({ err: (e as Error).message }, 'STO01 body is not multipart');
    }
    const file = form?.get('file');
    if (!file || typeof file === 'string') return error(reply, 400, "Multipart field 'file' is required");
    const rows = parseSemicolonCsv(await file.text());
    const header = rows.shift() ?? [];
    const col = (name: string) => header.indexOf(name);
    if (col('offer-sku') < 0 || col('quantity') < 0)
      return error(reply, 400, "The file must have the columns 'offer-sku' and 'quantity'");
    const imp = state.importStock(
      rows
        .filter((r) => r.length > 1)
        .map((r) => ({
          sku: r[col('offer-sku')] ?? '',
          quantity: r[col('quantity')] ?? '',
          updateDelete: col('update-delete') >= 0 ? (r[col('update-delete')] ?? '') : '',
        })),
    );
    return reply.code(201).send({ import_id: imp.import_id });
  });

  app.get('/api/offers/stock/imports/:id/status', { preHandler: guard('STO02') }, async (req) => {
    const imp = state.stockImport(Number((req.params as { id: string }).id));
    const { errors: _errors, ...status } = imp;
    return { ...status, has_error_report: imp.lines_in_error > 0 };
  });

  // ---- control API (no auth): what a test, the demo or a person at a browser uses ----
  app.get('/_sim/health', async () => ({ ok: true, orders: state.list().length }));
  app.post('/_sim/orders', async (req, reply) => reply.code(201).send(state.placeOrder(req.body as PlaceOrderInput)));
  app.get('/_sim/orders', async () => ({ orders: state.list() }));
  app.get('/_sim/orders/:id', async (req) => state.get((req.params as { id: string }).id));
  app.post('/_sim/orders/:id/cancel', async (req) => state.cancel((req.params as { id: string }).id));
  app.put('/_sim/offers', async (req) => {
    for (const o of (req.body as { offers: { sku: string; quantity: number }[] }).offers)
      state.setOffer(o.sku, o.quantity);
    return { offers: state.offers() };
  });
  app.get('/_sim/offers', async () => ({ offers: state.offers() }));
  app.get('/_sim/stock-imports', async () => ({ imports: state.stockImports() }));
  app.put('/_sim/faults', async (req) => {
    const b = req.body as { status: number; forMs: number; retryAfterSeconds?: number };
    fault = { status: b.status, until: now().getTime() + b.forMs, retryAfterSeconds: b.retryAfterSeconds ?? 60 };
    return { fault };
  });
  app.delete('/_sim/faults', async () => {
    fault = null;
    return { fault };
  });
  app.put('/_sim/limits', async (req) => {
    Object.assign(limits, req.body as Partial<Record<MiraklOperation, number>>);
    return { limits };
  });
  app.get('/_sim/calls', async () => ({ calls }));

  return {
    app,
    state,
    calls,
    setFault(f: { status: number; forMs: number; retryAfterSeconds?: number } | null): void {
      fault = f
        ? { status: f.status, until: now().getTime() + f.forMs, retryAfterSeconds: f.retryAfterSeconds ?? 60 }
        : null;
    },
    setLimits(l: Partial<Record<MiraklOperation, number>>): void {
      Object.assign(limits, l);
    },
    async start(port = 0): Promise<string> {
      await app.listen({ port, host: opts.host ?? '127.0.0.1' });
      const a = app.server.address() as AddressInfo;
      return `http://127.0.0.1:${a.port}`;
    },
    async stop(): Promise<void> {
      await app.close();
    },
  };
}

export type MiraklSim = ReturnType<typeof createMiraklSim>;

/** Mirakl's CSV: semicolon-separated, fields optionally double-quoted with "" for a quote. */
export function parseSemicolonCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
