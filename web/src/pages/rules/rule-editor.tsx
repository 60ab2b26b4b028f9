import { Banner, BlockStack, Checkbox, ChoiceList, FormLayout, Modal, Select, Text, TextField } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import type { RoutingRule, Warehouse } from '../../api/types.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { fromDraft, roleOf, toDraft, type RuleDraft } from './rule-codec.js';

/** The modal's subject: a rule being edited at `index`, or a new one (`index` null). */
export interface EditingRule {
  rule: RoutingRule;
  index: number | null;
}

/** One form per rule kind; saving hands the rule back, the page saves the whole list later. */
export function RuleEditor({
  editing,
  warehouses,
  onClose,
  onSave,
}: {
  editing: EditingRule | null;
  warehouses: Warehouse[];
  onClose(): void;
  onSave(rule: RoutingRule, index: number | null): void;
}) {
  const { t, format } = useI18n();
  const [d, setD] = useState<RuleDraft>({});
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setD(editing ? toDraft(editing.rule) : {});
    setProblem(null);
  }, [editing]);
  if (!editing) return null;
  const kind = editing.rule.kind;
  const text = (f: string) => (typeof d[f] === 'string' ? (d[f] as string) : '');
  const set = (f: string, v: string | boolean | string[]) => setD((x) => ({ ...x, [f]: v }));
  const field = (
    f: string,
    label: MessageKey,
    help?: MessageKey,
    opts: { type?: 'number'; suffix?: string; placeholder?: string } = {},
  ) => (
    <TextField
      label={t(label)}
      helpText={help ? t(help) : undefined}
      value={text(f)}
      onChange={(v) => set(f, v)}
      autoComplete="off"
      type={opts.type}
      suffix={opts.suffix}
      placeholder={opts.placeholder}
      min={opts.type === 'number' ? 0 : undefined}
    />
  );
  const select = (f: string, label: MessageKey, values: string[], prefix: string, fallback: string) => (
    <Select
      label={t(label)}
      options={values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as MessageKey) }))}
      value={text(f) || fallback}
      onChange={(v) => set(f, v)}
    />
  );
  const currency = format.currency;

  const body = (() => {
    switch (kind) {
      case 'eligibility':
        return (
          <>
            <ChoiceList
              allowMultiple
              title={t('ruleForm.warehouses')}
              choices={warehouses.map((w) => ({ label: w.name, value: String(w.id) }))}
              selected={Array.isArray(d.warehouses) ? d.warehouses : []}
              onChange={(v) => set('warehouses', v)}
            />
            <Text as="p" variant="bodySm" tone="subdued">
              {t('ruleForm.warehousesHelp')}
            </Text>
            <FormLayout.Group>
              {field('countries', 'ruleForm.countries', undefined, { placeholder: 'FR, BE' })}
              {field('excludeCountries', 'ruleForm.excludeCountries', undefined, { placeholder: 'CH' })}
            </FormLayout.Group>
            {field('zones', 'ruleForm.zones', 'ruleForm.zonesHelp')}
            <FormLayout.Group>
              {field('channels', 'ruleForm.channels', undefined, { placeholder: 'shopify, amazon' })}
              {field('excludeChannels', 'ruleForm.excludeChannels')}
            </FormLayout.Group>
            <FormLayout.Group>
              {field('skuInclude', 'ruleForm.skuInclude', 'ruleForm.skuIncludeHelp')}
              {field('skuExclude', 'ruleForm.skuExclude', 'ruleForm.skuExcludeHelp')}
            </FormLayout.Group>
          </>
        );
      case 'capacity':
        return (
          <FormLayout.Group>
            {select('whenFull', 'ruleForm.whenFull', ['defer', 'reject'], 'ruleForm.whenFullOption', 'reject')}
            {field('minRemaining', 'ruleForm.minRemaining', 'ruleForm.minRemainingHelp', { type: 'number' })}
          </FormLayout.Group>
        );
      case 'promise':
        return (
          <FormLayout.Group>
            {select('mode', 'ruleForm.mode', ['meet_deadline', 'earliest'], 'ruleForm.modeOption', 'meet_deadline')}
            {field('toleranceDays', 'ruleForm.toleranceDays', 'ruleForm.toleranceDaysHelp', {
              type: 'number',
              suffix: t('wh.days'),
            })}
          </FormLayout.Group>
        );
      case 'cost':
        return (
          <>
            <FormLayout.Group>
              {field('tolerance', 'ruleForm.tolerance', 'ruleForm.toleranceHelp', { type: 'number', suffix: currency })}
              {field('tolerancePct', 'ruleForm.tolerancePct', undefined, { type: 'number', suffix: '%' })}
            </FormLayout.Group>
            {field('scarcityCost', 'ruleForm.scarcityCost', 'ruleForm.scarcityCostHelp', {
              type: 'number',
              suffix: currency,
            })}
          </>
        );
      case 'proximity':
        return field('toleranceKm', 'ruleForm.toleranceKm', 'ruleForm.toleranceKmHelp', {
          type: 'number',
          suffix: 'km',
        });
      case 'split':
        return (
          <>
            {select(
              'policy',
              'ruleForm.splitPolicy',
              ['never', 'allowed', 'max_shipments'],
              'ruleForm.splitOption',
              'allowed',
            )}
            {text('policy') === 'max_shipments'
              ? field('maxShipments', 'ruleForm.maxShipments', undefined, { type: 'number' })
              : null}
            {field('minPartValue', 'ruleForm.minPartValue', 'ruleForm.minPartValueHelp', {
              type: 'number',
              suffix: currency,
            })}
          </>
        );
      case 'backorder':
        return (
          <>
            {select(
              'policy',
              'ruleForm.backorderPolicy',
              ['partial', 'hold', 'cancel_after_days'],
              'ruleForm.backorderOption',
              'partial',
            )}
            {text('policy') === 'cancel_after_days'
              ? field('cancelAfterDays', 'ruleForm.cancelAfterDays', undefined, {
                  type: 'number',
                  suffix: t('wh.days'),
                })
              : null}
          </>
        );
      case 'substitution':
        return (
          <>
            <TextField
              label={t('ruleForm.equivalents')}
              helpText={t('ruleForm.equivalentsHelp')}
              value={text('equivalents')}
              onChange={(v) => set('equivalents', v)}
              autoComplete="off"
              multiline={5}
              monospaced
              placeholder="LAMP-BLUE: LAMP-NAVY, LAMP-SKY"
            />
            <Checkbox
              label={t('ruleForm.requireConsent')}
              checked={d.requireConsent === true}
              onChange={(v) => set('requireConsent', v)}
            />
          </>
        );
      default:
        return (
          <Text as="p" tone="subdued">
            {t('ruleForm.noSettings')}
          </Text>
        );
    }
  })();

  const save = () => {
    const r = fromDraft(editing.rule, d);
    if ('error' in r) {
      setProblem(r.error === 'equivalents' ? t('ruleForm.badEquivalents') : t('ruleForm.badNumber'));
      return;
    }
    if (r.rule.kind === 'split' && r.rule.policy === 'max_shipments' && !r.rule.maxShipments) {
      setProblem(t('ruleForm.needMaxShipments'));
      return;
    }
    if (r.rule.kind === 'backorder' && r.rule.policy === 'cancel_after_days' && r.rule.cancelAfterDays === undefined) {
      setProblem(t('ruleForm.needCancelDays'));
      return;
    }
    onSave(r.rule, editing.index);
  };

  return (
    <Modal
      open
      onClose={onClose}
      title={
        editing.index === null
          ? t('rules.addTitle', { kind: t(`ruleKind.${kind}`) })
          : t('rules.editTitle', { kind: t(`ruleKind.${kind}`) })
      }
      primaryAction={{ content: editing.index === null ? t('rules.addToList') : t('rules.apply'), onAction: save }}
      secondaryActions={[{ content: t('common.cancel'), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="400">
          <Text as="p" tone="subdued">
            {t(`ruleHelp.${kind}`)}
          </Text>
          {problem ? <Banner tone="critical">{problem}</Banner> : null}
          <FormLayout>
            {body}
            <TextField
              label={t('ruleForm.label')}
              helpText={t('ruleForm.labelHelp', { role: t(`rules.role.${roleOf(kind)}`) })}
              value={text('label')}
              onChange={(v) => set('label', v)}
              autoComplete="off"
              placeholder={t(`ruleKind.${kind}`)}
              maxLength={120}
            />
          </FormLayout>
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
