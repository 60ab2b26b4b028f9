import {
  BlockStack,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Link,
  Page,
  Tabs,
  Text,
  TextField,
} from '@shopify/polaris';
import { useEffect, useState } from 'react';
import type { ReturnListDto, ReturnState } from '../../../../core/contracts/admin/returns.js';
import { useResource } from '../../api/api-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { SkeletonRows } from '../../components/skeleton-rows.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useLocation, useNavigate } from '../../router/router.js';
import { usePageReady } from '../../shell/page-ready.js';
import { ReturnStatusBadge, useReasonLabel } from './return-labels.js';

const tabs: { id: string; label: MessageKey; states: ReturnState[] }[] = [
  { id: 'all', label: 'returns.filter.all', states: [] },
  { id: 'review', label: 'returns.filter.toReview', states: ['requested'] },
  { id: 'expected', label: 'returns.filter.expected', states: ['approved', 'in_transit'] },
  { id: 'graded', label: 'returns.filter.toRefund', states: ['received', 'graded'] },
  { id: 'done', label: 'returns.filter.done', states: ['refunded', 'closed', 'declined'] },
];

/** Returns, newest first, filtered by status tab and by RMA or order name (both kept in the URL). */
export function ReturnsPage() {
  const navigate = useNavigate();
  const { t, format } = useI18n();
  const reason = useReasonLabel();
  const { query } = useLocation();
  const tab = Math.max(
    0,
    tabs.findIndex((x) => x.id === (query.get('tab') ?? 'all')),
  );
  const q = query.get('q') ?? '';
  const before = query.get('before');
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  const url = (next: { tab?: number; q?: string; before?: string | null }) => {
    const p = new URLSearchParams();
    const tb = tabs[next.tab ?? tab]!.id;
    if (tb !== 'all') p.set('tab', tb);
    const qq = next.q ?? q;
    if (qq) p.set('q', qq);
    if (next.before) p.set('before', next.before);
    const s = p.toString();
    return `/returns${s ? `?${s}` : ''}`;
  };
  const api = new URLSearchParams();
  if (tabs[tab]!.states.length) api.set('state', tabs[tab]!.states.join(','));
  if (q) api.set('q', q);
  if (before) api.set('before', before);
  const res = useResource<ReturnListDto>(`/returns${api.toString() ? `?${api}` : ''}`);
  usePageReady('returns', !!res.data);
  const items = res.data?.items ?? [];

  useEffect(() => {
    if (search === q) return;
    const id = setTimeout(() => navigate(url({ q: search, before: null })), 300);
    return () => clearTimeout(id);
  });

  const rows = items.map((r, i) => (
    <IndexTable.Row id={String(r.id)} key={r.id} position={i} onClick={() => navigate(`/returns/${r.id}`)}>
      <IndexTable.Cell>
        <Link url={`/returns/${r.id}`} dataPrimaryLink monochrome removeUnderline>
          <Text as="span" fontWeight="semibold">
            {r.rma}
          </Text>
        </Link>
      </IndexTable.Cell>
      <IndexTable.Cell>{r.orderName ?? '—'}</IndexTable.Cell>
      <IndexTable.Cell>{format.dateTime(r.requestedAt)}</IndexTable.Cell>
      <IndexTable.Cell>{t(`returns.source.${r.source}` as MessageKey)}</IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {r.units}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>{r.reasons.map(reason).join(', ') || '—'}</IndexTable.Cell>
      <IndexTable.Cell>{r.warehouse ?? '—'}</IndexTable.Cell>
      <IndexTable.Cell>
        <ReturnStatusBadge status={r.status} />
      </IndexTable.Cell>
    </IndexTable.Row>
  ));

  return (
    <Page
      title={t('nav.returns')}
      fullWidth
      secondaryActions={[
        { content: t('nav.returnsAnalytics'), url: '/returns/analytics' },
        { content: t('nav.returnsPolicy'), url: '/returns/policy' },
      ]}
    >
      <BlockStack gap="400">
        {res.error ? <ErrorBanner error={res.error} onRetry={res.reload} /> : null}
        <Card padding="0">
          <Tabs
            tabs={tabs.map((x) => ({ id: x.id, content: t(x.label) }))}
            selected={tab}
            onSelect={(i) => navigate(url({ tab: i, before: null }))}
          />
          <div style={{ padding: 'var(--p-space-300)' }}>
            <InlineStack gap="200">
              <div style={{ flex: 1 }}>
                <TextField
                  label={t('returns.search')}
                  labelHidden
                  placeholder={t('returns.search')}
                  value={search}
                  onChange={setSearch}
                  autoComplete="off"
                  clearButton
                  onClearButtonClick={() => setSearch('')}
                />
              </div>
            </InlineStack>
          </div>
          {res.data ? (
            <IndexTable
              resourceName={{ singular: t('returns.resourceOne'), plural: t('returns.resourceMany') }}
              itemCount={items.length}
              selectable={false}
              loading={res.loading}
              emptyState={
                <EmptyState heading={t('returns.emptyTitle')} image="/empty.svg">
                  <p>{t('returns.emptyBody')}</p>
                </EmptyState>
              }
              headings={[
                { title: t('returns.col.rma') },
                { title: t('returns.col.order') },
                { title: t('returns.col.requested') },
                { title: t('returns.col.source') },
                { title: t('returns.col.units'), alignment: 'end' },
                { title: t('returns.col.reasons') },
                { title: t('returns.col.warehouse') },
                { title: t('returns.col.status') },
              ]}
              pagination={{
                hasPrevious: !!before,
                hasNext: !!res.data.nextBefore,
                onPrevious: () => navigate(url({ before: null })),
                onNext: () => navigate(url({ before: String(res.data!.nextBefore) })),
              }}
            >
              {rows}
            </IndexTable>
          ) : res.error ? null : (
            <SkeletonRows rows={10} rowHeight={40} />
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
