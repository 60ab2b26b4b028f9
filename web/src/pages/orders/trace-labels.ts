import type { RoutingTrace } from '../../api/types.js';
import type { MessageKey, Translate } from '../../i18n/i18n.js';
import { en } from '../../i18n/messages-en.js';

type Column = RoutingTrace['rules'][number];

/**
 * A column's title in the UI language. The trace stores the label the rule had; when that is
 * the rule kind's default English label, the translated one is shown instead.
 */
export function columnLabel(t: Translate, col: Pick<Column, 'kind' | 'label'>): string {
  const key = `ruleKind.${col.kind}` as MessageKey;
  return col.label === en[key] || !col.label ? t(key) : col.label;
}

/** The decision in one translated sentence, from the trace's numbers rather than its English text. */
export function decisionSentence(t: Translate, trace: RoutingTrace): string {
  const s = trace.summary;
  const names = trace.plan.chosen.warehouses.map((id) => trace.warehouses.find((w) => w.id === id)?.name ?? id);
  switch (s.outcome) {
    case 'single':
      return t('trace.outcome.single', { warehouse: names[0] ?? '—', count: s.allocatedUnits });
    case 'split':
      return t('trace.outcome.split', { count: s.shipments, warehouses: names.join(', ') });
    case 'partial':
      return t('trace.outcome.partial', {
        allocated: s.allocatedUnits,
        ordered: s.orderedUnits,
        count: s.backorderedUnits,
        warehouses: names.join(', '),
      });
    case 'held':
      return t('trace.outcome.held', { count: s.orderedUnits });
    case 'backordered':
      return t('trace.outcome.backordered', { count: s.backorderedUnits });
    default:
      return t('trace.outcome.empty');
  }
}

/** Why the chosen plan beat the runner-up, when the trace says. */
export function decidedBySentence(t: Translate, trace: RoutingTrace): string | null {
  const by = trace.plan.decidedBy;
  if (!by) return null;
  const runnerUp = trace.plan.runnersUp[0]?.warehouses
    .map((id) => trace.warehouses.find((w) => w.id === id)?.name ?? id)
    .join(' + ');
  const fixed: Record<string, MessageKey> = {
    value: 'trace.by.value',
    units: 'trace.by.units',
    substitutions: 'trace.by.substitutions',
    tie_break: 'trace.by.tieBreak',
  };
  const col = trace.rules.find((r) => r.id === by);
  const reason = fixed[by] ? t(fixed[by]) : col ? columnLabel(t, col) : by;
  return runnerUp ? t('trace.decidedOver', { other: runnerUp, reason }) : t('trace.decidedBy', { reason });
}
