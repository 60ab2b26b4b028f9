import type { StockAlert } from '../api/stock-types.js';
import type { Format } from '../format/format.js';
import type { MessageKey, Translate } from '../i18n/i18n.js';

/** How an alert input reads: a quantity, a rate per day, a number of days, or a calendar day. */
export type InputKind = 'units' | 'perDay' | 'days' | 'date';

/** The inputs every alert kind records, with their labels (and the formula's symbol where there is one). */
export const ALERT_INPUTS: Record<string, { label: MessageKey; kind: InputKind }> = {
  safetyStock: { label: 'input.safetyStock', kind: 'units' },
  meanDailyDemand: { label: 'input.meanDailyDemand', kind: 'perDay' },
  leadTimeDays: { label: 'input.leadTimeDays', kind: 'days' },
  reorderPoint: { label: 'input.reorderPoint', kind: 'units' },
  onHand: { label: 'input.onHand', kind: 'units' },
  reserved: { label: 'input.reserved', kind: 'units' },
  available: { label: 'input.available', kind: 'units' },
  onOrder: { label: 'input.onOrder', kind: 'units' },
  backorders: { label: 'input.backorders', kind: 'units' },
  inventoryPosition: { label: 'input.inventoryPosition', kind: 'units' },
  daysOfCover: { label: 'input.daysOfCover', kind: 'days' },
  projectedStockoutDate: { label: 'input.projectedStockoutDate', kind: 'date' },
  overstockDays: { label: 'input.overstockDays', kind: 'days' },
  asOf: { label: 'input.asOf', kind: 'date' },
  lastSaleDate: { label: 'input.lastSaleDate', kind: 'date' },
  noSaleSince: { label: 'input.noSaleSince', kind: 'date' },
  daysWithoutSale: { label: 'input.daysWithoutSale', kind: 'days' },
  deadStockDays: { label: 'input.deadStockDays', kind: 'days' },
};

const inputOrder = Object.keys(ALERT_INPUTS);

/** An alert's inputs in the order its formula uses them (the database keeps JSON keys in its own order); unknown ones last. */
export function orderedInputs(inputs: Record<string, unknown>): [string, unknown][] {
  const rank = (k: string) => (inputOrder.includes(k) ? inputOrder.indexOf(k) : inputOrder.length);
  return Object.entries(inputs).sort(([a], [b]) => rank(a) - rank(b));
}

/** One input value as the shop writes it. */
export function inputValue(t: Translate, format: Format, kind: InputKind | undefined, v: unknown): string {
  if (v === null || v === undefined) return kind === 'date' ? t('alerts.never') : '—';
  if (typeof v === 'number') {
    if (kind === 'perDay') return t('stock.perDay', { n: format.number(v, 2) });
    if (kind === 'days') return format.days(v, 1);
    if (kind === 'units') return t('stock.units', { count: v, n: format.number(v, 2) });
    return format.number(v, 2);
  }
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return format.calendarDate(v);
  return String(v);
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const day = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v : null);

/**
 * The alert's sentence in the UI language, from its inputs (the stored message is English);
 * the stored message when the inputs lack what the sentence needs.
 */
export function alertMessage(t: Translate, format: Format, a: Pick<StockAlert, 'kind' | 'inputs' | 'message'>): string {
  const i = a.inputs;
  const units = (n: number) => t('stock.units', { count: n, n: format.number(n, 2) });
  switch (a.kind) {
    case 'below_reorder_point': {
      const position = num(i.inventoryPosition),
        rop = num(i.reorderPoint);
      if (position !== null && rop !== null)
        return t('alertMsg.below_reorder_point', { position: format.number(position, 2), rop: format.number(rop, 2) });
      break;
    }
    case 'stockout_within_lead_time': {
      const date = day(i.projectedStockoutDate),
        lead = num(i.leadTimeDays);
      if (date && lead !== null)
        return t('alertMsg.stockout_within_lead_time', { date: format.calendarDate(date), lead: format.days(lead, 1) });
      break;
    }
    case 'out_of_stock_with_backorders': {
      const owed = num(i.backorders);
      if (owed !== null) return t('alertMsg.out_of_stock_with_backorders', { units: units(owed) });
      break;
    }
    case 'overstock': {
      const cover = num(i.daysOfCover),
        max = num(i.overstockDays);
      if (cover !== null && max !== null)
        return t('alertMsg.overstock', { cover: format.days(cover), max: format.days(max) });
      break;
    }
    case 'dead_stock': {
      const available = num(i.available),
        days = num(i.daysWithoutSale),
        last = day(i.lastSaleDate),
        since = day(i.noSaleSince);
      if (available !== null && days !== null) {
        const when = last
          ? t('alertMsg.lastSale', { date: format.calendarDate(last) })
          : since
            ? t('alertMsg.noSaleSince', { date: format.calendarDate(since) })
            : '.';
        return t('alertMsg.dead_stock', { units: units(available), days: format.days(days), when });
      }
      break;
    }
  }
  return a.message;
}
