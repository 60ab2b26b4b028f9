import {
  ActionList,
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  InlineStack,
  Layout,
  Page,
  Popover,
  SkeletonBodyText,
  SkeletonPage,
  Text,
} from '@shopify/polaris';
import { PlusIcon } from '@shopify/polaris-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, fieldIssues } from '../../api/client.js';
import { sameData } from '../../api/same-data.js';
import { useApi, useResource } from '../../api/api-context.js';
import type { RoutingRule, RulesResponse, WarehouseList } from '../../api/types.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageReady } from '../../shell/page-ready.js';
import { useToast } from '../../shell/toast.js';
import { newRule, RULE_KINDS, SINGLETON_KINDS } from './rule-codec.js';
import { RuleEditor, type EditingRule } from './rule-editor.js';
import { RuleList, type KeyedRule } from './rule-list.js';
import { SimulationCard } from './simulation-card.js';

function RulesSkeleton() {
  return (
    <SkeletonPage title="" primaryAction>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="400">
                {Array.from({ length: 8 }, (_, i) => (
                  <SkeletonBodyText key={i} lines={2} />
                ))}
              </BlockStack>
            </Card>
            <Card>
              <SkeletonBodyText lines={3} />
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}

/** The ordered routing rules: reorder, add, edit, remove, try on past orders, then save. */
export function RulesPage() {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const res = useResource<RulesResponse>('/routing-rules');
  const whs = useResource<WarehouseList>('/warehouses');
  const nextKey = useRef(0);
  const keyed = useCallback(
    (rules: RoutingRule[]): KeyedRule[] => rules.map((rule) => ({ key: `r${nextKey.current++}`, rule })),
    [],
  );
  const [items, setItems] = useState<KeyedRule[] | null>(null);
  const [saved, setSaved] = useState<{ rules: RoutingRule[]; version: number } | null>(null);
  const [editing, setEditing] = useState<EditingRule | null>(null);
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const [ruleErrors, setRuleErrors] = useState<Record<number, string>>({});
  usePageReady('rules', items !== null);

  useEffect(() => {
    if (!res.data) return;
    setItems(keyed(res.data.rules));
    setSaved({ rules: res.data.rules, version: res.data.version });
    setSaveError(null);
    setRuleErrors({});
  }, [res.data, keyed]);

  if (!items || !saved)
    return res.error ? (
      <Page title={t('nav.rules')}>
        <ErrorBanner error={res.error} onRetry={res.reload} />
      </Page>
    ) : (
      <RulesSkeleton />
    );

  const rules = items.map((i) => i.rule);
  const dirty = !sameData(rules, saved.rules);
  const warehouses = whs.data?.items ?? [];
  const warehouseName = (id: string) => warehouses.find((w) => String(w.id) === id)?.name ?? id;
  const move = (from: number, to: number) =>
    setItems((xs) => {
      if (!xs) return xs;
      const next = [...xs];
      const [moved] = next.splice(from, 1);
      next.splice(to, 0, moved!);
      return next;
    });
  const present = new Set(rules.map((r) => r.kind));

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const r = await api.put<{ version: number; rules: RoutingRule[] }>('/routing-rules', {
        rules,
        version: saved.version,
      });
      setSaved({ rules: r.rules, version: r.version });
      setRuleErrors({});
      toast.show(t('rules.saved'));
    } catch (e) {
      setSaveError(e as Error);
      const byRule: Record<number, string> = {};
      for (const issue of fieldIssues(e)) {
        const m = /rules\.(\d+)/.exec(issue.path);
        if (m) byRule[Number(m[1])] ??= issue.message;
      }
      setRuleErrors(byRule);
    } finally {
      setSaving(false);
    }
  };
  const conflict = saveError instanceof ApiError && saveError.status === 409;

  return (
    <Page
      title={t('nav.rules')}
      subtitle={t('rules.subtitle')}
      titleMetadata={
        dirty ? (
          <Badge tone="attention">{t('rules.unsaved')}</Badge>
        ) : res.data?.isDefault && saved.version === 0 ? (
          <Badge>{t('rules.defaults')}</Badge>
        ) : undefined
      }
      primaryAction={{ content: t('common.save'), disabled: !dirty, loading: saving, onAction: () => void save() }}
      secondaryActions={[
        {
          content: t('common.discard'),
          disabled: !dirty,
          onAction: () => {
            setItems(keyed(saved.rules));
            setRuleErrors({});
            setSaveError(null);
          },
        },
        { content: t('rules.restoreDefaults'), onAction: () => res.data && setItems(keyed(res.data.defaults)) },
      ]}
    >
      <BlockStack gap="400">
        {conflict ? (
          <Banner
            tone="warning"
            title={t('rules.conflictTitle')}
            action={{ content: t('rules.reload'), onAction: res.reload }}
          >
            <p>{saveError.message}</p>
          </Banner>
        ) : saveError ? (
          <ErrorBanner error={saveError} title={t('rules.saveFailed')} />
        ) : null}
        <Card padding="0">
          <BlockStack gap="0">
            <div className="rules-card-header">
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <BlockStack gap="050">
                  <Text as="h2" variant="headingMd">
                    {t('rules.listTitle')}
                  </Text>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {t('rules.listHelp')}
                  </Text>
                </BlockStack>
                <Popover
                  active={adding}
                  onClose={() => setAdding(false)}
                  activator={
                    <Button icon={PlusIcon} disclosure onClick={() => setAdding((v) => !v)}>
                      {t('rules.add')}
                    </Button>
                  }
                >
                  <ActionList
                    actionRole="menuitem"
                    items={RULE_KINDS.map((kind) => ({
                      content: t(`ruleKind.${kind}`),
                      helpText:
                        SINGLETON_KINDS.includes(kind) && present.has(kind)
                          ? t('rules.onlyOne')
                          : t(
                              `rules.role.${kind === 'eligibility' || kind === 'capacity' ? 'filter' : SINGLETON_KINDS.includes(kind) ? 'policy' : 'ranking'}`,
                            ),
                      disabled: SINGLETON_KINDS.includes(kind) && present.has(kind),
                      onAction: () => {
                        setAdding(false);
                        setEditing({ rule: newRule(kind), index: null });
                      },
                    }))}
                  />
                </Popover>
              </InlineStack>
            </div>
            {items.length === 0 ? (
              <div className="rules-empty">
                <Text as="p" tone="subdued">
                  {t('rules.empty')}
                </Text>
              </div>
            ) : (
              <RuleList
                items={items}
                errors={ruleErrors}
                warehouseName={warehouseName}
                onMove={move}
                onEdit={(i) => setEditing({ rule: items[i]!.rule, index: i })}
                onRemove={(i) => {
                  const name = items[i]!.rule;
                  setItems((xs) => (xs ? xs.filter((_, j) => j !== i) : xs));
                  toast.show(t('rules.removed', { name: name.label ?? t(`ruleKind.${name.kind}`) }));
                }}
              />
            )}
          </BlockStack>
        </Card>
        <SimulationCard draft={rules} />
      </BlockStack>
      <RuleEditor
        editing={editing}
        warehouses={warehouses}
        onClose={() => setEditing(null)}
        onSave={(rule, index) => {
          setItems((xs) => {
            if (!xs) return xs;
            if (index === null) return [...xs, ...keyed([rule])];
            return xs.map((x, j) => (j === index ? { ...x, rule } : x));
          });
          setEditing(null);
        }}
      />
    </Page>
  );
}
