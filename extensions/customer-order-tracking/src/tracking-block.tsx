import type { CustomerOrderStatus } from '../../../core/contracts/extensions.js';
import type { AppApi } from '../../../extensions-kit/app-api.js';
import type { BlockI18n } from '../../../extensions-kit/i18n.js';
import { useBlockData } from '../../../extensions-kit/use-block-data.js';

type Shipment = CustomerOrderStatus['shipments'][number];

function ShipmentSection({ s, index, total, i18n }: { s: Shipment; index: number; total: number; i18n: BlockI18n }) {
  const t = i18n.translate;
  const when = (iso: string) =>
    i18n.formatDate(new Date(iso), { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
  return (
    <s-stack direction="block" gap="small-200">
      <s-stack direction="inline" gap="small-200" alignItems="center">
        <s-text type="strong">{t('parcel', { index, total })}</s-text>
        <s-text>{s.carrier ?? t('unknownCarrier')}</s-text>
        <s-badge tone={s.status === 'exception' ? 'critical' : 'neutral'}>{t(`status.${s.status}`)}</s-badge>
      </s-stack>
      {s.tracking.map((tr) =>
        tr.url ? (
          <s-link key={tr.number} href={tr.url} target="_blank">
            {t('track', { number: tr.number })}
          </s-link>
        ) : (
          <s-text key={tr.number}>{tr.number}</s-text>
        ),
      )}
      {s.items.length ? (
        <s-text color="subdued">
          {s.items.map((it) => t('item', { quantity: it.quantity, title: it.title })).join(', ')}
        </s-text>
      ) : null}
      <s-stack direction="block" gap="small-200">
        {[...s.timeline].reverse().map((e) => (
          <s-stack key={`${e.status}-${e.occurredAt}`} direction="block" gap="small-100">
            <s-stack direction="inline" gap="small-200">
              <s-text type="strong">{t(`status.${e.status}`)}</s-text>
              <s-text color="subdued">{when(e.occurredAt)}</s-text>
            </s-stack>
            {e.description || e.location ? (
              <s-text color="subdued">{[e.description, e.location].filter(Boolean).join(' · ')}</s-text>
            ) : null}
          </s-stack>
        ))}
      </s-stack>
    </s-stack>
  );
}

/** The order's parcels, newest event first under each, for the customer who placed it; the return door when the shop takes a return now. */
export function TrackingView({ data, i18n }: { data: CustomerOrderStatus; i18n: BlockI18n }) {
  const t = i18n.translate;
  // the app's own page on the tracking page's token: it opens outside Shopify's account pages
  const returnLink = data.returnUrl ? (
    <s-link href={data.returnUrl} target="_blank">
      {t('requestReturn')}
    </s-link>
  ) : null;
  if (data.shipments.length === 0) {
    const waiting = (
      <s-text>{data.unshippedUnits > 0 ? t('preparing', { count: data.unshippedUnits }) : t('nothingYet')}</s-text>
    );
    return returnLink ? (
      <s-stack direction="block" gap="base">
        {waiting}
        {returnLink}
      </s-stack>
    ) : (
      waiting
    );
  }
  return (
    <s-stack direction="block" gap="base">
      {data.shipments.map((s, i) => (
        <ShipmentSection key={s.id} s={s} index={i + 1} total={data.shipments.length} i18n={i18n} />
      ))}
      {data.unshippedUnits > 0 ? (
        <s-text color="subdued">{t('moreToShip', { count: data.unshippedUnits })}</s-text>
      ) : null}
      {returnLink}
    </s-stack>
  );
}

export interface TrackingBlockProps {
  /** the order on screen, `gid://shopify/Order/…`; null while Shopify is still processing it */
  orderId: string | null;
  api: AppApi;
  i18n: BlockI18n;
  /** Shopify's login prompt for a buyer on a pre-authenticated order status page */
  requireLogin: () => Promise<void>;
}

/** The customer-account order-status block: shipments and their tracking from the app. */
export function TrackingBlock({ orderId, api, i18n, requireLogin }: TrackingBlockProps) {
  const t = i18n.translate;
  const path = orderId ? `/api/extensions/customer/order?id=${encodeURIComponent(orderId)}` : null;
  const { state, reload } = useBlockData(path, () => api.get<CustomerOrderStatus>(path!));
  let body;
  if (state.kind === 'loading')
    body = (
      <s-stack direction="inline" gap="small-200" alignItems="center">
        <s-spinner accessibilityLabel={t('loading')} />
        <s-text color="subdued">{t('loading')}</s-text>
      </s-stack>
    );
  else if (state.kind === 'missing') body = <s-text color="subdued">{t('unknown')}</s-text>;
  else if (state.kind === 'failed' && state.code === 'customer_login_required')
    body = (
      <s-stack direction="block" gap="small-200">
        <s-text>{t('loginNeeded')}</s-text>
        <s-button variant="secondary" onClick={() => void requireLogin().then(reload, reload)}>
          {t('login')}
        </s-button>
      </s-stack>
    );
  else if (state.kind === 'failed')
    body = (
      <s-stack direction="block" gap="small-200">
        <s-text>{t('failed')}</s-text>
        <s-button variant="secondary" onClick={reload}>
          {t('retry')}
        </s-button>
      </s-stack>
    );
  else body = <TrackingView data={state.data} i18n={i18n} />;
  return <s-section heading={t('heading')}>{body}</s-section>;
}
