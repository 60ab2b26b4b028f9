import { Badge, BlockStack, Button, ButtonGroup, Icon, InlineStack, Text } from '@shopify/polaris';
import { ArrowDownIcon, ArrowUpIcon, DeleteIcon, DragHandleIcon, EditIcon } from '@shopify/polaris-icons';
import { useState, type DragEvent } from 'react';
import type { RoutingRule } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { roleOf } from './rule-codec.js';
import { ruleName, ruleSummary } from './rule-summary.js';

/** A rule with a key that survives reordering. */
export interface KeyedRule {
  key: string;
  rule: RoutingRule;
}

const roleTone = { filter: 'info', ranking: undefined, policy: 'magic' } as const;

/**
 * The ordered rules. Drag a row by its handle (native drag and drop) or use the up and down
 * buttons, which also work from the keyboard; focus follows the moved rule.
 */
export function RuleList({
  items,
  errors,
  warehouseName,
  onMove,
  onEdit,
  onRemove,
}: {
  items: KeyedRule[];
  /** a problem the server found, by rule position */
  errors: Record<number, string>;
  warehouseName(id: string): string;
  onMove(from: number, to: number): void;
  onEdit(index: number): void;
  onRemove(index: number): void;
}) {
  const { t, format } = useI18n();
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);

  const moveAndFocus = (from: number, to: number, label: string) => {
    onMove(from, to);
    // keep the keyboard on the rule that moved
    requestAnimationFrame(() =>
      document
        .querySelector<HTMLButtonElement>(
          `[data-rule-index="${to}"] button[aria-label="${CSS.escape(label)}"]:not([disabled])`,
        )
        ?.focus(),
    );
  };
  const onDragStart = (e: DragEvent, i: number) => {
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', String(i));
    setDragFrom(i);
  };
  const onDragOver = (e: DragEvent, i: number) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (dropAt !== i) setDropAt(i);
  };
  const onDrop = (e: DragEvent, i: number) => {
    e.preventDefault();
    const from = dragFrom ?? Number(e.dataTransfer.getData('text/plain'));
    if (Number.isInteger(from) && from !== i) onMove(from, i);
    setDragFrom(null);
    setDropAt(null);
  };
  const reset = () => {
    setDragFrom(null);
    setDropAt(null);
  };

  return (
    <ol className="rule-list" aria-label={t('rules.listLabel')}>
      {items.map(({ key, rule }, i) => {
        const role = roleOf(rule.kind);
        const cls = [
          'rule-row',
          dragFrom === i ? 'rule-row-dragging' : '',
          dropAt === i && dragFrom !== null && dragFrom !== i
            ? dragFrom < i
              ? 'rule-row-drop-after'
              : 'rule-row-drop-before'
            : '',
          errors[i] ? 'rule-row-error' : '',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <li
            key={key}
            className={cls}
            data-rule-index={i}
            data-rule-kind={rule.kind}
            draggable
            onDragStart={(e) => onDragStart(e, i)}
            onDragOver={(e) => onDragOver(e, i)}
            onDrop={(e) => onDrop(e, i)}
            onDragEnd={reset}
          >
            <span className="rule-handle" title={t('rules.dragHint')} aria-hidden="true">
              <Icon source={DragHandleIcon} tone="subdued" />
            </span>
            <span className="rule-number" aria-hidden="true">
              {i + 1}
            </span>
            <div className="rule-body">
              <BlockStack gap="050">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h3" variant="headingSm">
                    {ruleName(t, rule)}
                  </Text>
                  <Badge tone={roleTone[role]} size="small">
                    {t(`rules.role.${role}`)}
                  </Badge>
                </InlineStack>
                <Text as="p" variant="bodySm" tone="subdued">
                  {ruleSummary(t, format, rule, warehouseName)}
                </Text>
                {errors[i] ? (
                  <Text as="p" variant="bodySm" tone="critical">
                    {errors[i]}
                  </Text>
                ) : null}
              </BlockStack>
            </div>
            <ButtonGroup variant="segmented">
              <Button
                icon={ArrowUpIcon}
                disabled={i === 0}
                onClick={() => moveAndFocus(i, i - 1, t('rules.moveUp', { name: ruleName(t, rule) }))}
                accessibilityLabel={t('rules.moveUp', { name: ruleName(t, rule) })}
              />
              <Button
                icon={ArrowDownIcon}
                disabled={i === items.length - 1}
                onClick={() => moveAndFocus(i, i + 1, t('rules.moveDown', { name: ruleName(t, rule) }))}
                accessibilityLabel={t('rules.moveDown', { name: ruleName(t, rule) })}
              />
              <Button
                icon={EditIcon}
                onClick={() => onEdit(i)}
                accessibilityLabel={t('rules.edit', { name: ruleName(t, rule) })}
              />
              <Button
                icon={DeleteIcon}
                tone="critical"
                onClick={() => onRemove(i)}
                accessibilityLabel={t('rules.remove', { name: ruleName(t, rule) })}
              />
            </ButtonGroup>
          </li>
        );
      })}
    </ol>
  );
}
