import { Badge, BlockStack, Icon, InlineStack, Text } from '@shopify/polaris';
import { CheckCircleIcon, MinusCircleIcon, XCircleIcon } from '@shopify/polaris-icons';
import type { RoutingTrace } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { columnLabel } from './trace-labels.js';

type WarehouseRow = RoutingTrace['warehouses'][number];
type Verdict = WarehouseRow['verdicts'][number];

const outcomeIcon = {
  kept: CheckCircleIcon,
  ranked: CheckCircleIcon,
  rejected: XCircleIcon,
  skipped: MinusCircleIcon,
} as const;
const outcomeTone = { kept: 'success', ranked: 'subdued', rejected: 'critical', skipped: 'subdued' } as const;

const columnClass = (w: WarehouseRow) => (w.chosen ? 'trace-col-chosen' : w.eligible ? '' : 'trace-col-rejected');

function Cell({ v, w }: { v: Verdict | undefined; w: WarehouseRow }) {
  const { t, language } = useI18n();
  if (!v)
    return (
      <td className={columnClass(w)}>
        <Text as="span" tone="subdued">
          —
        </Text>
      </td>
    );
  return (
    <td className={`${columnClass(w)} trace-cell-${v.outcome}`} data-outcome={v.outcome}>
      <InlineStack gap="100" wrap={false} blockAlign="start">
        <span className="trace-icon" role="img" aria-label={t(`trace.verdict.${v.outcome}`)}>
          <Icon source={outcomeIcon[v.outcome]} tone={outcomeTone[v.outcome]} />
        </span>
        {v.outcome === 'skipped' ? (
          <Text as="span" variant="bodySm" tone="subdued">
            {t('trace.notEvaluated')}
          </Text>
        ) : (
          // the reason is the routing engine's own sentence, written in English
          <span lang={language === 'en' ? undefined : 'en'}>
            <Text as="span" variant="bodySm">
              {v.reason}
            </Text>
          </span>
        )}
      </InlineStack>
    </td>
  );
}

/**
 * The routing decision as a table of rules × candidate warehouses: each cell is the rule's verdict
 * on the warehouse and its reason. The chosen warehouse's column is highlighted; a rejected one
 * names the rule that rejected it, and the rules after it did not look at it.
 */
export function TraceTable({ trace }: { trace: RoutingTrace }) {
  const { t } = useI18n();
  const whs = [...trace.warehouses].sort(
    (a, b) => Number(b.chosen) - Number(a.chosen) || (a.rank ?? 99) - (b.rank ?? 99) || a.name.localeCompare(b.name),
  );
  const labelOf = (id: string | null) => {
    const col = trace.rules.find((r) => r.id === id);
    return col ? columnLabel(t, col) : (id ?? '');
  };
  return (
    <div className="trace-scroll" role="region" aria-label={t('trace.title')} tabIndex={0}>
      <table className="trace-table">
        <thead>
          <tr>
            <th scope="col" className="trace-rule-col">
              <Text as="span" variant="bodySm" tone="subdued">
                {t('trace.rule')}
              </Text>
            </th>
            {whs.map((w) => (
              <th
                scope="col"
                key={w.id}
                className={columnClass(w)}
                data-warehouse={w.name}
                data-chosen={w.chosen || undefined}
              >
                <BlockStack gap="100">
                  <Text as="span" fontWeight="semibold">
                    {w.name}
                  </Text>
                  <InlineStack gap="100">
                    {w.chosen ? <Badge tone="success">{t('trace.chosen', { count: w.shippedUnits })}</Badge> : null}
                    {!w.chosen && w.rank !== null ? <Badge>{t('trace.rank', { rank: w.rank })}</Badge> : null}
                    {w.rejectedBy ? (
                      <Badge tone="critical">{t('trace.rejectedBy', { rule: labelOf(w.rejectedBy) })}</Badge>
                    ) : null}
                  </InlineStack>
                </BlockStack>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trace.rules.map((r) => (
            <tr key={r.id} data-rule={r.id}>
              <th scope="row" className="trace-rule-col">
                <BlockStack gap="050">
                  <Text as="span" variant="bodySm" fontWeight="semibold">
                    {columnLabel(t, r)}
                  </Text>
                  <Text as="span" variant="bodyXs" tone="subdued">
                    {t(`trace.role.${r.role}`)}
                  </Text>
                </BlockStack>
              </th>
              {whs.map((w) => (
                <Cell key={w.id} w={w} v={w.verdicts.find((v) => v.rule === r.id)} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
