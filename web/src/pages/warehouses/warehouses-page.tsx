import {
  Badge,
  BlockStack,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Link,
  Page,
  SkeletonBodyText,
  Text,
} from '@shopify/polaris';
import { PlusIcon } from '@shopify/polaris-icons';
import { useResource } from '../../api/api-context.js';
import type { WarehouseList } from '../../api/types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';
import { useNavigate } from '../../router/router.js';
import { usePageReady } from '../../shell/page-ready.js';

/** The shop's warehouses, in priority order, with a link to the 3PL feed documentation. */
export function WarehousesPage() {
  const navigate = useNavigate();
  const { t } = useI18n();
  const res = useResource<WarehouseList>('/warehouses');
  usePageReady('warehouses', !!res.data);
  const items = res.data?.items ?? [];
  const docs = res.data?.feedDocs ?? '/feed/v1/docs';

  return (
    <Page
      title={t('nav.warehouses')}
      subtitle={t('wh.listSubtitle')}
      primaryAction={{ content: t('wh.add'), icon: PlusIcon, url: '/warehouses/new' }}
      secondaryActions={[{ content: t('wh.feedDocs'), url: docs, external: true }]}
    >
      <BlockStack gap="400">
        {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
        <Card padding="0">
          {res.data ? (
            <IndexTable
              resourceName={{ singular: t('wh.one'), plural: t('wh.many') }}
              itemCount={items.length}
              selectable={false}
              loading={res.loading}
              emptyState={
                <EmptyState
                  heading={t('wh.emptyTitle')}
                  action={{ content: t('wh.add'), url: '/warehouses/new' }}
                  secondaryAction={{ content: t('wh.feedDocs'), url: docs, external: true }}
                  image="/empty.svg"
                >
                  <p>{t('wh.emptyBody')}</p>
                </EmptyState>
              }
              headings={[
                { title: t('wh.col.name') },
                { title: t('wh.col.city') },
                { title: t('wh.col.cutoff') },
                { title: t('wh.col.zones') },
                { title: t('wh.col.capacity'), alignment: 'end' },
                { title: t('wh.col.priority'), alignment: 'end' },
                { title: t('wh.col.dispatch') },
                { title: t('wh.col.shopify') },
                { title: t('wh.col.status') },
              ]}
            >
              {items.map((w, i) => {
                const a = (w.address ?? {}) as { city?: string | null };
                return (
                  <IndexTable.Row
                    id={String(w.id)}
                    key={w.id}
                    position={i}
                    onClick={() => navigate(`/warehouses/${w.id}`)}
                  >
                    <IndexTable.Cell>
                      <BlockStack gap="0">
                        <Link url={`/warehouses/${w.id}`} dataPrimaryLink monochrome removeUnderline>
                          <Text as="span" fontWeight="semibold">
                            {w.name}
                          </Text>
                        </Link>
                        <Text as="span" variant="bodySm" tone="subdued">
                          {w.code}
                        </Text>
                      </BlockStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{[a.city, w.countryCode].filter(Boolean).join(', ') || '—'}</IndexTable.Cell>
                    <IndexTable.Cell>{w.cutoffTime}</IndexTable.Cell>
                    <IndexTable.Cell>{w.zones.map((z) => z.code).join(', ')}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {w.dailyCapacity ?? '∞'}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {w.priority}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{t(w.dispatchStyle === 'http' ? 'wh.styleHttp' : 'wh.styleFeed')}</IndexTable.Cell>
                    <IndexTable.Cell>
                      {w.locationExternalId ? (
                        <Badge tone="info">{t('wh.linked')}</Badge>
                      ) : (
                        <Text as="span" tone="subdued">
                          {t('wh.notLinked')}
                        </Text>
                      )}
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      {w.active ? (
                        <Badge tone="success">{t('wh.activeBadge')}</Badge>
                      ) : (
                        <Badge>{t('wh.inactiveBadge')}</Badge>
                      )}
                    </IndexTable.Cell>
                  </IndexTable.Row>
                );
              })}
            </IndexTable>
          ) : res.error ? null : (
            <BlockStack gap="0">
              <div className="skeleton-head" />
              {[0, 1, 2].map((i) => (
                <div key={i} className="skeleton-row skeleton-row-tall">
                  <SkeletonBodyText lines={2} />
                </div>
              ))}
            </BlockStack>
          )}
        </Card>
        <InlineStack align="center">
          <Text as="p" tone="subdued">
            {t('wh.docsFooter')}{' '}
            <Link url={docs} external>
              {t('wh.feedDocs')}
            </Link>
          </Text>
        </InlineStack>
      </BlockStack>
    </Page>
  );
}
