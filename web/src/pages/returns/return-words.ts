import type { MessageKey, Translate } from '../../i18n/i18n.js';
import { actorLabel } from '../orders/timeline-detail.js';

/**
 * Who moved a return, in words: the customer, the shop's return rules, Shopify, "you" for the
 * merchant, and the return's warehouse by its name (`warehouse:2` → "Lyon").
 */
export function returnActorLabel(
  t: Translate,
  actor: string,
  warehouse: { id: number | null; name: string | null },
): string {
  return actorLabel(t, actor, (id) => (id === warehouse.id && warehouse.name ? warehouse.name : undefined));
}

/** The rules' sentences as stored on a return (core/domain/returns/policy.ts), each with its words. */
const decisions: [RegExp, (t: Translate, m: RegExpExecArray) => string][] = [
  [/^asked by the merchant$/, (t) => t('returns.why.merchant')],
  [/^within (\d+) days, every line eligible$/, (t, m) => t('returns.why.eligible', { count: Number(m[1]) })],
  [/^the shop reviews every return$/, (t) => t('returns.why.reviewAll')],
  [/^outside the (\d+)-day window$/, (t, m) => t('returns.why.outsideWindow', { count: Number(m[1]) })],
  [/^a line is not eligible$/, (t) => t('returns.why.lineNotEligible')],
  [
    /^(customer_requests_off|window_ended|no_lines|line_not_returnable)$/,
    (t, m) => t(`returns.why.${m[1]}` as MessageKey),
  ],
];

/** Why the rules approved a return, declined it or left it for review, in the UI language; an unknown sentence is shown as stored. */
export function decisionLabel(t: Translate, decision: string): string {
  for (const [pattern, words] of decisions) {
    const m = pattern.exec(decision);
    if (m) return words(t, m);
  }
  return decision;
}
