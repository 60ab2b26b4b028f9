import type { RoutingRule } from '../../api/types.js';
import type { Format } from '../../format/format.js';
import type { Translate } from '../../i18n/i18n.js';
import { en } from '../../i18n/messages-en.js';

/** The rule's name: the merchant's own label, else its kind's, translated. */
export function ruleName(t: Translate, rule: RoutingRule): string {
  return rule.label ?? t(`ruleKind.${rule.kind}`);
}

/** True when `label` is just the kind's default English name (as traces store it). */
export const isDefaultLabel = (rule: RoutingRule) => !rule.label || rule.label === en[`ruleKind.${rule.kind}`];

/** What the rule does with its settings, in one line. */
export function ruleSummary(t: Translate, f: Format, rule: RoutingRule, warehouseName: (id: string) => string): string {
  const list = (xs: string[] | undefined) => (xs ?? []).join(', ');
  switch (rule.kind) {
    case 'eligibility': {
      const parts = [
        rule.warehouses?.length
          ? t('ruleSummary.forWarehouses', { list: rule.warehouses.map(warehouseName).join(', ') })
          : t('ruleSummary.allWarehouses'),
        rule.zones?.length ? t('ruleSummary.onlyZones', { list: list(rule.zones) }) : '',
        rule.countries?.length ? t('ruleSummary.onlyCountries', { list: list(rule.countries) }) : '',
        rule.excludeCountries?.length ? t('ruleSummary.notCountries', { list: list(rule.excludeCountries) }) : '',
        rule.channels?.length ? t('ruleSummary.onlyChannels', { list: list(rule.channels) }) : '',
        rule.excludeChannels?.length ? t('ruleSummary.notChannels', { list: list(rule.excludeChannels) }) : '',
        rule.skuInclude?.length ? t('ruleSummary.onlySkus', { count: rule.skuInclude.length }) : '',
        rule.skuExclude?.length ? t('ruleSummary.notSkus', { count: rule.skuExclude.length }) : '',
      ].filter(Boolean);
      return parts.length > 1 ? parts.join(' · ') : t('ruleSummary.eligibilityEmpty');
    }
    case 'capacity':
      return [
        rule.whenFull === 'reject' ? t('ruleSummary.capacityReject') : t('ruleSummary.capacityDefer'),
        rule.minRemaining ? t('ruleSummary.minRemaining', { count: rule.minRemaining }) : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'stock':
      return t('ruleSummary.stock');
    case 'promise':
      return [
        rule.mode === 'earliest' ? t('ruleSummary.promiseEarliest') : t('ruleSummary.promiseDeadline'),
        rule.toleranceDays ? t('ruleSummary.toleranceDays', { count: rule.toleranceDays }) : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'cost':
      return [
        t('ruleSummary.cost'),
        rule.tolerance ? t('ruleSummary.tolerance', { amount: f.money(rule.tolerance) }) : '',
        rule.tolerancePct ? t('ruleSummary.tolerancePct', { pct: rule.tolerancePct }) : '',
        rule.scarcityCost ? t('ruleSummary.scarcity', { amount: f.money(rule.scarcityCost) }) : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'proximity':
      return [
        t('ruleSummary.proximity'),
        rule.toleranceKm ? t('ruleSummary.toleranceKm', { km: rule.toleranceKm }) : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'priority':
      return t('ruleSummary.priority');
    case 'split':
      return [
        rule.policy === 'never'
          ? t('ruleSummary.splitNever')
          : rule.policy === 'max_shipments'
            ? t('ruleSummary.splitMax', { count: rule.maxShipments ?? 1 })
            : t('ruleSummary.splitAllowed'),
        rule.minPartValue ? t('ruleSummary.minPart', { amount: f.money(rule.minPartValue) }) : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'backorder':
      return rule.policy === 'hold'
        ? t('ruleSummary.backorderHold')
        : rule.policy === 'cancel_after_days'
          ? t('ruleSummary.backorderCancel', { count: rule.cancelAfterDays ?? 0 })
          : t('ruleSummary.backorderPartial');
    case 'substitution':
      return [
        t('ruleSummary.substitution', { count: rule.equivalents.length }),
        rule.requireConsent ? t('ruleSummary.consent') : '',
      ]
        .filter(Boolean)
        .join(' · ');
  }
}
