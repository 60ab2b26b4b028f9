import type { AdminProductBlock } from '../../../core/contracts/extensions.js';
import type { AppApi } from '../../../extensions-kit/app-api.js';
import type { BlockI18n } from '../../../extensions-kit/i18n.js';
import { useBlockData } from '../../../extensions-kit/use-block-data.js';

type Sku = AdminProductBlock['skus'][number];

const alertTone: Record<Sku['alertStatus'], 'success' | 'info' | 'warning' | 'critical'> = {
  ok: 'success',
  info: 'info',
  warning: 'warning',
  critical: 'critical',
};
const knownChannels = ['shopify', 'amazon', 'ebay', 'mirakl'];
const knownAlertKinds = [
  'below_reorder_point',
  'stockout_within_lead_time',
  'out_of_stock_with_backorders',
  'overstock',
  'dead_stock',
];

function SkuSection({ s, i18n }: { s: Sku; i18n: BlockI18n }) {
  const t = i18n.translate;
  const num = (n: number, digits = 0) => i18n.formatNumber(n, { maximumFractionDigits: digits });
  return (
    <s-section heading={`${s.sku} · ${s.title}`}>
      <s-stack direction="block" gap="small-200">
        <s-stack direction="inline" gap="small-200" alignItems="center">
          <s-badge tone={alertTone[s.alertStatus]}>{t(`alert.${s.alertStatus}`)}</s-badge>
          {s.alerts.map((a) => (
            <s-text key={a.kind} color="subdued">
              {knownAlertKinds.includes(a.kind) ? t(`alertKind.${a.kind}`) : a.message}
            </s-text>
          ))}
        </s-stack>
        <s-text type="strong">{t('warehouses')}</s-text>
        {s.levels.length === 0 ? <s-text color="subdued">{t('noStock')}</s-text> : null}
        {s.levels.map((l) => (
          <s-stack key={l.warehouse} direction="inline" gap="small-200">
            <s-text>{l.warehouse}</s-text>
            <s-text color="subdued">
              {t('level', { onHand: num(l.onHand), reserved: num(l.reserved), available: num(l.available) })}
            </s-text>
          </s-stack>
        ))}
        <s-text type="strong">{t('sellable')}</s-text>
        {s.sellable.length === 0 ? (
          <s-text color="subdued">{t('notPushed')}</s-text>
        ) : (
          <s-stack direction="inline" gap="base">
            {s.sellable.map((c) => (
              <s-text key={c.channel}>
                {t('sellableIn', {
                  channel: knownChannels.includes(c.channel) ? t(`channel.${c.channel}`) : c.channel,
                  quantity: num(c.quantity),
                })}
              </s-text>
            ))}
          </s-stack>
        )}
        {s.reorderPoint === null ? (
          <s-text color="subdued">{t('noForecast')}</s-text>
        ) : (
          <s-stack direction="inline" gap="base">
            <s-text>{t('reorderPoint', { value: num(s.reorderPoint, 1) })}</s-text>
            {s.daysOfCover !== null ? <s-text>{t('cover', { days: num(s.daysOfCover, 1) })}</s-text> : null}
          </s-stack>
        )}
        <s-link href={s.link}>{t('openSku')}</s-link>
      </s-stack>
    </s-section>
  );
}

/** What the block shows for a product whose SKUs the app knows. */
export function ProductBlockView({ data, i18n }: { data: AdminProductBlock; i18n: BlockI18n }) {
  return (
    <s-stack direction="block" gap="base">
      {data.skus.map((s) => (
        <SkuSection key={s.id} s={s} i18n={i18n} />
      ))}
    </s-stack>
  );
}

export interface ProductBlockProps {
  /** the product on screen, `gid://shopify/Product/…` */
  productId: string | null;
  api: AppApi;
  i18n: BlockI18n;
}

/** The admin product-details block: the product's SKUs as the app's stock and replenishment see them. */
export function ProductBlock({ productId, api, i18n }: ProductBlockProps) {
  const path = productId ? `/api/extensions/admin/product?id=${encodeURIComponent(productId)}` : null;
  const { state, reload } = useBlockData(path, () => api.get<AdminProductBlock>(path!));
  let body;
  if (state.kind === 'loading')
    body = (
      <s-stack direction="inline" gap="small-200" alignItems="center">
        <s-spinner accessibilityLabel={i18n.translate('loading')} />
        <s-text color="subdued">{i18n.translate('loading')}</s-text>
      </s-stack>
    );
  else if (state.kind === 'missing') body = <s-text color="subdued">{i18n.translate('unknown')}</s-text>;
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
  else body = <ProductBlockView data={state.data} i18n={i18n} />;
  return <s-admin-block heading={i18n.translate('heading')}>{body}</s-admin-block>;
}
