import type { ChannelBuffer, StockSettings } from '../../api/stock-types.js';

/** One supplier's lead time as typed. */
export interface SupplierDraft {
  name: string;
  days: string;
  stdDays: string;
}

/** How a channel's buffer is chosen in the form; `none` keeps nothing back. */
export type BufferKind = 'none' | ChannelBuffer['kind'];

/** One channel's buffer as typed. */
export interface BufferDraft {
  channel: string;
  kind: BufferKind;
  units: string;
  percent: string;
  minUnits: string;
}

/** The replenishment settings form: every input as typed, ratios as percentages. */
export interface ReplenishmentDraft {
  serviceLevel: string;
  defaultLeadTimeDays: string;
  suppliers: SupplierDraft[];
  orderCost: string;
  holdingRate: string;
  demandWindowDays: string;
  overstockDays: string;
  deadStockDays: string;
  abcA: string;
  abcB: string;
  buffers: BufferDraft[];
  dailyDigest: boolean;
  digestEmail: string;
}

const pct = (ratio: number) => String(Number((ratio * 100).toFixed(4)));
/**
 * A typed number; an empty or unreadable field goes as null, so the server's validation names the
 * field (the type says number because that is all a valid body holds).
 */
const num = (s: string): number => {
  const n = s.trim() === '' ? Number.NaN : Number(s.replace(',', '.'));
  return (Number.isNaN(n) ? null : n) as number;
};
const ratio = (s: string): number => {
  const n = num(s);
  return (n === null ? null : Number((n / 100).toFixed(6))) as number;
};

/** The form's state for saved settings, with a row for every channel the shop sells on. */
export function draftOf(s: StockSettings, channels: string[]): ReplenishmentDraft {
  const names = [...new Set([...Object.keys(s.buffers), ...channels])];
  return {
    serviceLevel: pct(s.serviceLevel),
    defaultLeadTimeDays: String(s.defaultLeadTimeDays),
    suppliers: Object.entries(s.supplierLeadTimes).map(([name, l]) => ({
      name,
      days: String(l.days),
      stdDays: l.stdDays === null || l.stdDays === undefined ? '' : String(l.stdDays),
    })),
    orderCost: String(s.orderCost),
    holdingRate: pct(s.holdingRatePerYear),
    demandWindowDays: String(s.demandWindowDays),
    overstockDays: String(s.overstockDays),
    deadStockDays: String(s.deadStockDays),
    abcA: pct(s.abcCutoffs.a),
    abcB: pct(s.abcCutoffs.b),
    buffers: names.map((channel) => {
      const b = s.buffers[channel];
      return {
        channel,
        kind: b?.kind ?? 'none',
        units: b?.kind === 'fixed' ? String(b.units) : '0',
        percent: b?.kind === 'percent' ? String(b.percent) : '5',
        minUnits: b?.kind === 'lag_velocity' ? String(b.minUnits) : '1',
      };
    }),
    dailyDigest: s.dailyDigest,
    digestEmail: s.digestEmail ?? '',
  };
}

function bufferOf(b: BufferDraft): ChannelBuffer | null {
  if (b.kind === 'fixed') return { kind: 'fixed', units: num(b.units) };
  if (b.kind === 'percent') return { kind: 'percent', percent: num(b.percent) };
  if (b.kind === 'lag_velocity') return { kind: 'lag_velocity', minUnits: num(b.minUnits) };
  return null;
}

/** The whole settings object the API takes; suppliers without a name are dropped, as are channels without a buffer. */
export function settingsOf(d: ReplenishmentDraft): StockSettings {
  const buffers: Record<string, ChannelBuffer> = {};
  for (const b of d.buffers) {
    const buffer = bufferOf(b);
    if (buffer) buffers[b.channel] = buffer;
  }
  return {
    serviceLevel: ratio(d.serviceLevel),
    defaultLeadTimeDays: num(d.defaultLeadTimeDays),
    supplierLeadTimes: Object.fromEntries(
      d.suppliers
        .filter((s) => s.name.trim())
        .map((s) => [s.name.trim(), { days: num(s.days), stdDays: s.stdDays.trim() === '' ? null : num(s.stdDays) }]),
    ),
    orderCost: num(d.orderCost),
    holdingRatePerYear: ratio(d.holdingRate),
    demandWindowDays: num(d.demandWindowDays),
    overstockDays: num(d.overstockDays),
    deadStockDays: num(d.deadStockDays),
    abcCutoffs: { a: ratio(d.abcA), b: ratio(d.abcB) },
    buffers,
    dailyDigest: d.dailyDigest,
    digestEmail: d.digestEmail.trim() || null,
  };
}

/** Supplier names typed twice: the settings are keyed by name, so one would silently replace the other. */
export function duplicateSuppliers(d: ReplenishmentDraft): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const s of d.suppliers) {
    const n = s.name.trim();
    if (!n) continue;
    if (seen.has(n)) twice.add(n);
    seen.add(n);
  }
  return twice;
}

/** Field errors keyed by settings path (`serviceLevel`, `supplierLeadTimes.Acme.days`), from the server's `body.…`. */
export function errorsByPath(issues: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.replace(/^body\.?/, '')] ??= i.message;
  return out;
}
