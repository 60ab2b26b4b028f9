import type { BadgeProps } from '@shopify/polaris';
import type { AlertKind, AlertSeverity, MovementReason, StockStatus } from '../api/stock-types.js';
import type { MessageKey } from '../i18n/i18n.js';

type Tone = BadgeProps['tone'];

/** Alert kinds, most urgent first: the order of the Alerts page's groups and of a SKU's badges. */
export const ALERT_KINDS: readonly AlertKind[] = [
  'out_of_stock_with_backorders',
  'stockout_within_lead_time',
  'below_reorder_point',
  'overstock',
  'dead_stock',
];

/** How each alert kind looks as a badge. */
export const alertKindTone: Record<AlertKind, Tone> = {
  out_of_stock_with_backorders: 'critical',
  stockout_within_lead_time: 'critical',
  below_reorder_point: 'warning',
  overstock: 'info',
  dead_stock: undefined,
};

/** How each severity looks as a badge; an unknown one stays neutral. */
export const severityTone = (s: string): Tone =>
  (({ critical: 'critical', warning: 'warning', info: 'info' }) as Record<string, Tone>)[s];

/** The severities the app knows, for their labels. */
export const SEVERITIES: readonly AlertSeverity[] = ['critical', 'warning', 'info'];

/** The stock statuses the list has a tab for. */
export const STOCK_STATUSES: readonly StockStatus[] = ['out_of_stock', 'below_reorder_point', 'overstock'];

/** Ledger reasons in words; an unknown one as stored. */
export const reasonKey = (r: MovementReason | string): MessageKey | null =>
  ['received', 'shipped', 'returned', 'adjusted', 'snapshot_correction', 'damaged', 'initial'].includes(r)
    ? (`ledger.reason.${r}` as MessageKey)
    : null;
