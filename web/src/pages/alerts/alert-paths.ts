import type { AlertStatus } from '../../api/stock-types.js';

/** The Alerts page's tabs, in order. */
export const ALERT_STATUSES: AlertStatus[] = ['open', 'snoozed', 'resolved'];
/** The API path of one tab (the overview asks for the open one too, so they share the prefetch). */
export const alertsApiPath = (status: AlertStatus) => `/alerts?status=${status}`;
/** The tab the URL names, `open` by default. */
export const readAlertStatus = (query: URLSearchParams): AlertStatus =>
  ALERT_STATUSES.find((s) => s === query.get('status')) ?? 'open';
