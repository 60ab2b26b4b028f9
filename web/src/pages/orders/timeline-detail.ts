import type { TimelineEntry } from '../../api/types.js';
import type { Format } from '../../format/format.js';
import type { MessageKey, Translate } from '../../i18n/i18n.js';
import { en } from '../../i18n/messages-en.js';

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const list = (v: unknown) => (Array.isArray(v) ? v.map(str).filter(Boolean) : []);

/** The entry's title in the UI language; unknown actions read as words. */
export function timelineTitle(t: Translate, action: string): string {
  const key = `timeline.${action}` as MessageKey;
  return key in en ? t(key) : action.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Who did it, in words: Shopify, the app's routing, a warehouse by name, the merchant. */
export function actorLabel(t: Translate, actor: string, warehouseName: (id: number) => string | undefined): string {
  if (actor.startsWith('warehouse:')) return warehouseName(Number(actor.slice(10))) ?? t('actor.warehouse');
  if (actor.startsWith('merchant:')) return t('actor.merchant');
  const key = `actor.${actor}` as MessageKey;
  return key in en ? t(key) : actor;
}

/** One line of detail drawn from the entry's data: what Shopify answered, which carrier, why. */
export function timelineDetail(t: Translate, f: Format, e: TimelineEntry): string | null {
  const d: Data = e.data ?? {};
  switch (e.action) {
    case 'webhook_received':
      return t('timelineDetail.webhook', {
        topic: str(d.topic),
        outcome: t(`webhookOutcome.${str(d.outcome) || 'inserted'}` as MessageKey),
      });
    case 'routed': {
      const allocations = list(d.allocations).length;
      const backordered = Array.isArray(d.backordered) ? d.backordered.length : 0;
      return t('timelineDetail.routed', { attempt: str(d.attempt) || '1', count: allocations, backordered });
    }
    case 'backorder_cancelled':
      return t('timelineDetail.backorderCancelled', { count: Number(d.units ?? 0) });
    case 'held':
      return str(d.reason) === 'awaiting_payment' ? t('timelineDetail.awaitingPayment') : str(d.reason) || null;
    case 'dispatched':
      return t('timelineDetail.dispatched', {
        warehouse: str(d.warehouse),
        style: t(`dispatchStyle.${str(d.style) || 'feed'}` as MessageKey),
      });
    case 'dispatch_failed':
      return str(d.error) || null;
    case 'rejected_by_3pl':
      return [str(d.reason), str(d.message)].filter(Boolean).join(': ') || null;
    case 'shipped':
      return t('timelineDetail.shipped', {
        carrier: str(d.carrier) || '—',
        tracking: list(d.trackingNumbers).join(', ') || '—',
      });
    case 'tracking_pushed': {
      const info = Array.isArray(d.trackingInfo)
        ? (d.trackingInfo as Data[]).map((i) => [str(i.company), str(i.number)].filter(Boolean).join(' ')).join(', ')
        : '';
      return t('timelineDetail.trackingPushed', {
        fulfillment: str(d.name) || str(d.fulfillment),
        status: str(d.shopifyStatus) || '—',
        tracking: info || '—',
      });
    }
    case 'tracking_push_failed': {
      const errs = Array.isArray(d.userErrors)
        ? (d.userErrors as Data[])
            .map((u) => str(u.message))
            .filter(Boolean)
            .join('; ')
        : '';
      return t('timelineDetail.trackingPushFailed', { error: errs || str(d.error) || '—' });
    }
    case 'tracking_events_pushed':
      return t('timelineDetail.eventsPushed', { count: Number(d.events ?? 0) });
    case 'allocations_cancelled':
      return t('timelineDetail.cancelled', {
        cancelled: list(d.cancelled).length,
        requested: list(d.requested).length,
        shipped: list(d.shipped).length,
      });
    case 'reroute_requested':
      return d.fresh ? t('timelineDetail.rerouteFresh') : t('timelineDetail.rerouteKeep');
    case 'reconciled':
      return t(`webhookOutcome.${str(d.outcome) || 'updated'}` as MessageKey);
    case 'cancellation_refused_by_3pl':
      return str(d.reason) || null;
    default:
      if (e.action.startsWith('tracking_')) {
        const parts = [str(d.description), str(d.location)].filter(Boolean);
        const when = str(d.occurredAt);
        return [parts.join(' · '), when ? f.dateTime(when) : ''].filter(Boolean).join(' — ') || null;
      }
      return null;
  }
}

/** How an entry is drawn: good news, bad news, or neither. */
export function timelineTone(action: string): 'success' | 'critical' | 'warning' | 'info' {
  if (/failed|rejected|refused|exception/.test(action)) return 'critical';
  if (/held|cancel/.test(action)) return 'warning';
  if (/shipped|delivered|acknowledged|pushed/.test(action)) return 'success';
  return 'info';
}
