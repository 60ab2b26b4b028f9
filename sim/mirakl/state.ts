/**
 * The seller's side of one Mirakl operator, in memory: orders through their lifecycle
 * (WAITING_ACCEPTANCE → WAITING_DEBIT_PAYMENT → SHIPPING → SHIPPED, or REFUSED / CANCELED),
 * offers with their quantities, stock imports and the SH21 carrier list.
 */

export type MiraklOrderState =
  | 'WAITING_ACCEPTANCE'
  | 'WAITING_DEBIT_PAYMENT'
  | 'SHIPPING'
  | 'SHIPPED'
  | 'REFUSED'
  | 'CANCELED'
  | 'RECEIVED'
  | 'CLOSED';

export interface MiraklAddress {
  firstname: string;
  lastname: string;
  street_1: string;
  street_2: string | null;
  zip_code: string;
  city: string;
  country: string;
  country_iso_code: string;
  phone: string | null;
}

export interface MiraklOrderLine {
  order_line_id: string;
  order_line_index: number;
  offer_sku: string;
  product_sku: string;
  product_title: string;
  quantity: number;
  order_line_state: MiraklOrderState;
  price: number;
  price_unit: number;
  shipping_price: number;
}

/** An order as OR11 returns it. */
export interface MiraklOrder {
  order_id: string;
  commercial_id: string;
  order_state: MiraklOrderState;
  order_state_reason_code: string | null;
  created_date: string;
  last_updated_date: string;
  acceptance_decision_date: string | null;
  shipping_deadline: string;
  leadtime_to_ship: number;
  currency_iso_code: string;
  price: number;
  shipping_price: number;
  total_price: number;
  customer: { customer_id: string; firstname: string; lastname: string; shipping_address: MiraklAddress | null };
  shipping_type_code: string;
  shipping_carrier_code: string | null;
  shipping_company: string | null;
  shipping_tracking: string | null;
  shipping_tracking_url: string | null;
  shipping_pudo_id: string | null;
  shipped_date: string | null;
  channel: { code: string; label: string } | null;
  order_lines: MiraklOrderLine[];
}

export interface MiraklCarrier {
  code: string;
  label: string;
  tracking_url: string;
}

export interface StockImport {
  import_id: number;
  import_status: 'WAITING' | 'RUNNING' | 'COMPLETE' | 'FAILED';
  date_created: string;
  lines_read: number;
  lines_in_success: number;
  lines_in_error: number;
  errors: { line: number; sku: string; message: string }[];
}

export interface PlaceOrderInput {
  lines: { sku: string; quantity: number; unitPrice?: number; title?: string }[];
  address?: Partial<MiraklAddress>;
  /** an explicit id; default F<n>-A */
  orderId?: string;
}

export class MiraklSimError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface MiraklStateOptions {
  now: () => Date;
  carriers: MiraklCarrier[];
  /** WAITING_DEBIT_PAYMENT lasts this long after acceptance (0: the debit is immediate) */
  debitDelayMs: number;
}

export const defaultCarriers: MiraklCarrier[] = [
  {
    code: 'COLISSIMO',
    label: 'Colissimo',
    tracking_url: 'https://www.laposte.fr/outils/suivre-vos-envois?code={trackingId}',
  },
  {
    code: 'CHRONOPOST',
    label: 'Chronopost',
    tracking_url: 'https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT={trackingId}',
  },
  {
    code: 'MONDIAL-RELAY',
    label: 'Mondial Relay',
    tracking_url: 'https://www.mondialrelay.fr/suivi-de-colis?numeroExpedition={trackingId}',
  },
  { code: 'DPD-FR', label: 'DPD France', tracking_url: 'https://trace.dpd.fr/fr/trace/{trackingId}' },
  { code: 'GLS', label: 'GLS', tracking_url: 'https://gls-group.eu/FR/fr/suivi-colis?match={trackingId}' },
  { code: 'UPS', label: 'UPS', tracking_url: 'https://www.ups.com/track?tracknum={trackingId}' },
  {
    code: 'DHL',
    label: 'DHL Express',
    tracking_url: 'https://www.dhl.com/fr-fr/home/tracking.html?tracking-id={trackingId}',
  },
];

export function createMiraklState(opts: MiraklStateOptions) {
  const orders = new Map<string, MiraklOrder>();
  const offers = new Map<string, { sku: string; quantity: number; updated: string }>();
  const imports = new Map<number, StockImport>();
  let seq = 0;
  let importSeq = 1000;
  // the clock's instant; a change to an order always moves its last_updated_date forward
  const stamp = (after?: string | null): string =>
    new Date(Math.max(opts.now().getTime(), after ? Date.parse(after) + 1 : 0)).toISOString();
  const get = (id: string): MiraklOrder => {
    const o = orders.get(id);
    if (!o) throw new MiraklSimError(404, `Order with id '${id}' not found`);
    return o;
  };
  const setState = (o: MiraklOrder, state: MiraklOrderState, lines: MiraklOrderLine[] = o.order_lines) => {
    o.order_state = state;
    for (const l of lines) l.order_line_state = state;
    o.last_updated_date = stamp(o.last_updated_date);
  };
  const settleDebit = (o: MiraklOrder) => {
    if (
      o.order_state === 'WAITING_DEBIT_PAYMENT' &&
      Date.parse(o.acceptance_decision_date ?? '') + opts.debitDelayMs <= opts.now().getTime()
    ) {
      setState(
        o,
        'SHIPPING',
        o.order_lines.filter((l) => l.order_line_state === 'WAITING_DEBIT_PAYMENT'),
      );
    }
  };

  return {
    carriers: opts.carriers,
    /** the clock moves debits forward: every read sees the orders as of now */
    tick(): void {
      for (const o of orders.values()) settleDebit(o);
    },
    placeOrder(input: PlaceOrderInput): MiraklOrder {
      const n = ++seq;
      const id = input.orderId ?? `F${String(100000 + n)}-A`;
      if (orders.has(id)) throw new MiraklSimError(400, `Order with id '${id}' already exists`);
      const now = stamp();
      const a = input.address ?? {};
      const lines: MiraklOrderLine[] = input.lines.map((l, i) => {
        const unit = l.unitPrice ?? 20;
        return {
          order_line_id: `${id}-${i + 1}`,
          order_line_index: i + 1,
          offer_sku: l.sku,
          product_sku: `P-${l.sku}`,
          product_title: l.title ?? l.sku,
          quantity: l.quantity,
          order_line_state: 'WAITING_ACCEPTANCE',
          price: unit * l.quantity,
          price_unit: unit,
          shipping_price: 0,
        };
      });
      const price = lines.reduce((s, l) => s + l.price, 0);
      const order: MiraklOrder = {
        order_id: id,
        commercial_id: id.replace(/-A$/, ''),
        order_state: 'WAITING_ACCEPTANCE',
        order_state_reason_code: null,
        created_date: now,
        last_updated_date: now,
        acceptance_decision_date: null,
        shipping_deadline: new Date(Date.parse(now) + 2 * 86_400_000).toISOString(),
        leadtime_to_ship: 2,
        currency_iso_code: 'EUR',
        price,
        shipping_price: 4.9,
        total_price: Math.round((price + 4.9) * 100) / 100,
        customer: {
          customer_id: `C${n}`,
          firstname: a.firstname ?? 'Camille',
          lastname: a.lastname ?? 'Durand',
          shipping_address: {
            firstname: a.firstname ?? 'Camille',
            lastname: a.lastname ?? 'Durand',
            street_1: a.street_1 ?? '12 rue de la Paix',
            street_2: a.street_2 ?? null,
            zip_code: a.zip_code ?? '75002',
            city: a.city ?? 'Paris',
            country: a.country ?? 'France',
            country_iso_code: a.country_iso_code ?? 'FRA',
            phone: a.phone ?? null,
          },
        },
        shipping_type_code: 'STD',
        shipping_carrier_code: null,
        shipping_company: null,
        shipping_tracking: null,
        shipping_tracking_url: null,
        shipping_pudo_id: null,
        shipped_date: null,
        channel: { code: 'FR', label: 'France' },
        order_lines: lines,
      };
      orders.set(id, order);
      return order;
    },
    get,
    list(): MiraklOrder[] {
      return [...orders.values()];
    },
    /** OR21 */
    accept(id: string, decisions: { id: string; accepted: boolean }[]): void {
      const o = get(id);
      if (o.order_state !== 'WAITING_ACCEPTANCE')
        throw new MiraklSimError(400, `Order '${id}' is in state ${o.order_state}, expected WAITING_ACCEPTANCE`);
      const byId = new Map(decisions.map((d) => [d.id, d.accepted]));
      for (const l of o.order_lines) {
        if (!byId.has(l.order_line_id))
          throw new MiraklSimError(400, `Order line '${l.order_line_id}' has no acceptance decision`);
      }
      for (const d of decisions)
        if (!o.order_lines.some((l) => l.order_line_id === d.id))
          throw new MiraklSimError(400, `Order line '${d.id}' does not belong to order '${id}'`);
      const at = stamp(o.last_updated_date);
      o.acceptance_decision_date = at;
      for (const l of o.order_lines)
        l.order_line_state = byId.get(l.order_line_id) ? 'WAITING_DEBIT_PAYMENT' : 'REFUSED';
      const anyAccepted = o.order_lines.some((l) => l.order_line_state === 'WAITING_DEBIT_PAYMENT');
      o.order_state = anyAccepted ? 'WAITING_DEBIT_PAYMENT' : 'REFUSED';
      o.last_updated_date = at;
      settleDebit(o);
    },
    /** OR23 */
    tracking(
      id: string,
      body: {
        carrier_code?: string | null;
        carrier_name?: string | null;
        carrier_url?: string | null;
        tracking_number?: string | null;
      },
    ): void {
      const o = get(id);
      if (!['SHIPPING', 'SHIPPED'].includes(o.order_state))
        throw new MiraklSimError(
          400,
          `Order '${id}' is in state ${o.order_state}: tracking can only be set on SHIPPING or SHIPPED orders`,
        );
      if (body.carrier_code) {
        const c = opts.carriers.find((x) => x.code === body.carrier_code);
        if (!c) throw new MiraklSimError(400, `Carrier with code '${body.carrier_code}' not found`);
        if (!body.tracking_number) throw new MiraklSimError(400, `Tracking number is required for carrier '${c.code}'`);
        o.shipping_carrier_code = c.code;
        o.shipping_company = c.label;
        o.shipping_tracking_url = c.tracking_url.replace('{trackingId}', encodeURIComponent(body.tracking_number));
      } else if (body.carrier_name) {
        o.shipping_carrier_code = null;
        o.shipping_company = body.carrier_name;
        o.shipping_tracking_url = body.carrier_url ?? null;
      } else {
        throw new MiraklSimError(400, 'Either carrier_code or carrier_name is required');
      }
      o.shipping_tracking = body.tracking_number ?? null;
      o.last_updated_date = stamp(o.last_updated_date);
    },
    /** OR24 */
    ship(id: string): void {
      const o = get(id);
      settleDebit(o);
      if (o.order_state !== 'SHIPPING')
        throw new MiraklSimError(400, `Order '${id}' is in state ${o.order_state}, expected SHIPPING`);
      o.shipped_date = stamp(o.last_updated_date);
      setState(
        o,
        'SHIPPED',
        o.order_lines.filter((l) => l.order_line_state === 'SHIPPING'),
      );
    },
    /** the operator or the customer cancels (control API) */
    cancel(id: string): MiraklOrder {
      const o = get(id);
      if (['SHIPPED', 'RECEIVED', 'CLOSED', 'REFUSED', 'CANCELED'].includes(o.order_state))
        throw new MiraklSimError(400, `Order '${id}' is ${o.order_state} and cannot be cancelled`);
      o.order_state_reason_code = 'CUSTOMER_CANCELLATION';
      setState(o, 'CANCELED');
      return o;
    },
    setOffer(sku: string, quantity: number): void {
      offers.set(sku, { sku, quantity, updated: stamp() });
    },
    offers(): { sku: string; quantity: number; updated: string }[] {
      return [...offers.values()];
    },
    /** STO01: one line per offer; a quantity for an unknown offer is an error line */
    importStock(rows: { sku: string; quantity: string; updateDelete: string }[]): StockImport {
      const imp: StockImport = {
        import_id: ++importSeq,
        import_status: 'COMPLETE',
        date_created: stamp(),
        lines_read: rows.length,
        lines_in_success: 0,
        lines_in_error: 0,
        errors: [],
      };
      rows.forEach((r, i) => {
        const q = Number(r.quantity);
        const offer = offers.get(r.sku);
        if (!offer)
          imp.errors.push({ line: i + 2, sku: r.sku, message: `The offer with sku '${r.sku}' does not exist` });
        else if (!Number.isInteger(q) || q < 0)
          imp.errors.push({
            line: i + 2,
            sku: r.sku,
            message: `The quantity '${r.quantity}' is not a positive integer`,
          });
        else {
          offers.set(r.sku, { sku: r.sku, quantity: r.updateDelete === 'delete' ? 0 : q, updated: imp.date_created });
          imp.lines_in_success++;
        }
      });
      imp.lines_in_error = imp.errors.length;
      imports.set(imp.import_id, imp);
      return imp;
    },
    stockImport(id: number): StockImport {
      const imp = imports.get(id);
      if (!imp) throw new MiraklSimError(404, `Import with id '${id}' not found`);
      return imp;
    },
    stockImports(): StockImport[] {
      return [...imports.values()];
    },
  };
}

export type MiraklState = ReturnType<typeof createMiraklState>;
