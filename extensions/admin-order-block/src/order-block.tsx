import { useState } from 'preact/hooks';
import type { AdminOrderBlock, RoutingDecision } from '../../../core/contracts/extensions.js';
import type { AppApi } from '../../../extensions-kit/app-api.js';
import type { BlockI18n } from '../../../extensions-kit/i18n.js';
import { useBlockData } from '../../../extensions-kit/use-block-data.js';

type Allocation = AdminOrderBlock['allocations'][number];
type BadgeTone = 'info' | 'success' | 'warning' | 'critical' | 'neutral' | 'caution';

const allocationTone: Record<Allocation['status'], BadgeTone> = {
  reserved: 'info',
  ready: 'info',
  leased: 'info',
  acknowledged: 'success',
  rejected: 'critical',
  partially_shipped: 'warning',
  shipped: 'success',
  cancel_requested: 'warning',
  cancelled: 'neutral',
};

/** The decision in one translated sentence, from the numbers rather than the routing's English text. */
export function decisionSentence(i18n: BlockI18n, d: RoutingDecision): string {
  const warehouses = d.warehouses.join(', ');
  switch (d.outcome) {
    case 'single':
      return i18n.translate('decision.single', { warehouse: d.warehouses[0] ?? '—', count: d.allocatedUnits });
    case 'split':
      return i18n.translate('decision.split', { count: d.shipments, warehouses });
    case 'partial':
      return i18n.translate('decision.partial', {
        allocated: d.allocatedUnits,
        ordered: d.orderedUnits,
        count: d.backorderedUnits,
        warehouses,
      });
    case 'held':
      return i18n.translate('decision.held', { count: d.orderedUnits });
    case 'backordered':
      return i18n.translate('decision.backordered', { count: d.backorderedUnits });
    default:
      return i18n.translate('decision.empty');
  }
}

export interface OrderBlockViewProps {
  data: AdminOrderBlock;
  i18n: BlockI18n;
  onReroute: () => void;
  rerouting: boolean;
  notice: { tone: 'success' | 'critical'; text: string } | null;
}

/** What the block shows for an order the app knows. */
export function OrderBlockView({ data, i18n, onReroute, rerouting, notice }: OrderBlockViewProps) {
  const t = i18n.translate;
  const day = (iso: string) => i18n.formatDate(new Date(iso), { day: 'numeric', month: 'short' });
  const live = data.allocations.filter((a) => a.status !== 'cancelled' && a.status !== 'rejected');
  const shown = live.length ? live : data.allocations;
  return (
    <s-stack direction="block" gap="base">
      {notice ? <s-banner tone={notice.tone}>{notice.text}</s-banner> : null}
      <s-stack direction="block" gap="small-200">
        <s-heading>{t('decisionTitle')}</s-heading>
        <s-paragraph>{data.decision ? decisionSentence(i18n, data.decision) : t('notRoutedYet')}</s-paragraph>
        {data.decision ? <s-link href={data.links.trace}>{t('trace')}</s-link> : null}
      </s-stack>
      {shown.length ? (
        <s-stack direction="block" gap="small-200">
          <s-heading>{t('warehousesTitle')}</s-heading>
          {shown.map((a) => (
            <s-stack key={a.id} direction="inline" gap="small-200" alignItems="center">
              <s-text type="strong">{a.warehouse}</s-text>
              <s-text>{t('units', { count: a.units })}</s-text>
              <s-badge tone={allocationTone[a.status]}>{t(`status.${a.status}`)}</s-badge>
              {a.shippedUnits > 0 && a.shippedUnits < a.units ? (
                <s-text color="subdued">{t('shippedOf', { shipped: a.shippedUnits, units: a.units })}</s-text>
              ) : null}
              {a.promisedShipBy && a.shippedUnits === 0 ? (
                <s-text color="subdued">{t('shipBy', { date: day(a.promisedShipBy) })}</s-text>
              ) : null}
              {a.problem ? <s-text tone="critical">{a.problem}</s-text> : null}
            </s-stack>
          ))}
          {data.backorderedUnits > 0 ? (
            <s-text tone="warning">{t('backordered', { count: data.backorderedUnits })}</s-text>
          ) : null}
        </s-stack>
      ) : null}
      <s-stack direction="block" gap="small-200">
        <s-heading>{t('trackingTitle')}</s-heading>
        {data.shipments.length === 0 ? <s-text color="subdued">{t('noShipments')}</s-text> : null}
        {data.shipments.map((s) => (
          <s-stack key={s.id} direction="inline" gap="small-200" alignItems="center">
            <s-badge tone={s.status === 'delivered' ? 'success' : s.status === 'exception' ? 'critical' : 'info'}>
              {t(`shipment.${s.status}`)}
            </s-badge>
            <s-text>{s.carrier ?? t('unknownCarrier')}</s-text>
            {s.tracking.map((tr) =>
              tr.url ? (
                <s-link key={tr.number} href={tr.url} target="_blank">
                  {tr.number}
                </s-link>
              ) : (
                <s-text key={tr.number}>{tr.number}</s-text>
              ),
            )}
            <s-text color="subdued">
              {s.warehouse} · {day(s.shippedAt)}
            </s-text>
          </s-stack>
        ))}
      </s-stack>
      <s-stack direction="inline" gap="base" alignItems="center">
        {data.canReroute ? (
          <s-button variant="secondary" loading={rerouting} onClick={onReroute} accessibilityLabel={t('rerouteHelp')}>
            {t('reroute')}
          </s-button>
        ) : null}
        <s-link href={data.links.order}>{t('openInApp')}</s-link>
      </s-stack>
    </s-stack>
  );
}

export interface OrderBlockProps {
  /** the order on screen, `gid://shopify/Order/…` */
  orderId: string | null;
  api: AppApi;
  i18n: BlockI18n;
}

/** The admin order-details block: loads the order's routing from the app and offers a re-route. */
export function OrderBlock({ orderId, api, i18n }: OrderBlockProps) {
  const path = orderId ? `/api/extensions/admin/order?id=${encodeURIComponent(orderId)}` : null;
  const { state, reload } = useBlockData(path, () => api.get<AdminOrderBlock>(path!));
  const [rerouting, setRerouting] = useState(false);
  const [notice, setNotice] = useState<OrderBlockViewProps['notice']>(null);

  const reroute = async () => {
    if (!orderId) return;
    setRerouting(true);
    setNotice(null);
    try {
      await api.post('/api/extensions/admin/order/reroute', { id: orderId });
      setNotice({ tone: 'success', text: i18n.translate('rerouteDone') });
      reload();
    } catch (e) {
      setNotice({
        tone: 'critical',
        text: i18n.translate('rerouteFailed', { message: e instanceof Error ? e.message : String(e) }),
      });
    } finally {
      setRerouting(false);
    }
  };

  let body;
  if (state.kind === 'loading')
    body = (
      <s-stack direction="inline" gap="small-200" alignItems="center">
        <s-spinner accessibilityLabel={i18n.translate('loading')} />
        <s-text color="subdued">{i18n.translate('loading')}</s-text>
      </s-stack>
    );
  else if (state.kind === 'missing') body = <s-text color="subdued">{i18n.translate('notRouted')}</s-text>;
  else if (state.kind === 'failed')
    body = (
      <s-banner tone="critical">
        <s-stack direction="block" gap="small-200">
          <s-text>{i18n.translate('failed', { message: state.message })}</s-text>
          <s-button variant="secondary" onClick={reload}>
            {i18n.translate('retry')}
          </s-button>
        </s-stack>
      </s-banner>
    );
  else
    body = (
      <OrderBlockView
        data={state.data}
        i18n={i18n}
        onReroute={() => void reroute()}
        rerouting={rerouting}
        notice={notice}
      />
    );
  return <s-admin-block heading={i18n.translate('heading')}>{body}</s-admin-block>;
}
