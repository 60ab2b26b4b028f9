import type { RoutingRule, RoutingRuleKind } from '../../api/types.js';

/** Every rule kind, in the order the "Add rule" menu lists them. */
// substitution rules are not offered: the server refuses them until substitutes are routed and edited into the Shopify order
export const RULE_KINDS: RoutingRuleKind[] = [
  'eligibility',
  'capacity',
  'stock',
  'promise',
  'cost',
  'proximity',
  'priority',
  'split',
  'backorder',
];
/** Kinds a rule list may hold once only. */
export const SINGLETON_KINDS: RoutingRuleKind[] = ['split', 'backorder', 'substitution'];

/** What a rule does to warehouses: removes some, orders them, or shapes the plan. */
export type RuleRole = 'filter' | 'ranking' | 'policy';
export function roleOf(kind: RoutingRuleKind): RuleRole {
  if (kind === 'eligibility' || kind === 'capacity') return 'filter';
  if (kind === 'split' || kind === 'backorder' || kind === 'substitution') return 'policy';
  return 'ranking';
}

/** A rule's fields as a form edits them: lists and numbers as text, warehouses as ids. */
export type RuleDraft = Record<string, string | boolean | string[]>;

const LIST_FIELDS = [
  'zones',
  'countries',
  'excludeCountries',
  'channels',
  'excludeChannels',
  'skuInclude',
  'skuExclude',
] as const;
const NUMBER_FIELDS = [
  'minRemaining',
  'toleranceKm',
  'toleranceDays',
  'tolerance',
  'tolerancePct',
  'scarcityCost',
  'maxShipments',
  'minPartValue',
  'cancelAfterDays',
] as const;
const ENUM_FIELDS = ['whenFull', 'mode', 'policy'] as const;

const splitList = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The form state for a rule. */
export function toDraft(rule: RoutingRule): RuleDraft {
  const r = rule as Record<string, unknown>;
  const d: RuleDraft = { label: typeof r.label === 'string' ? r.label : '' };
  for (const f of LIST_FIELDS) if (Array.isArray(r[f])) d[f] = (r[f] as string[]).join(', ');
  for (const f of NUMBER_FIELDS) if (typeof r[f] === 'number') d[f] = String(r[f]);
  for (const f of ENUM_FIELDS) if (typeof r[f] === 'string') d[f] = r[f] as string;
  if (Array.isArray(r.warehouses)) d.warehouses = r.warehouses as string[];
  if (typeof r.requireConsent === 'boolean') d.requireConsent = r.requireConsent;
  if (Array.isArray(r.equivalents))
    d.equivalents = (r.equivalents as { sku: string; substitutes: string[] }[])
      .map((e) => `${e.sku}: ${e.substitutes.join(', ')}`)
      .join('\n');
  return d;
}

/** A new rule of a kind, with the defaults a merchant most often wants. */
export function newRule(kind: RoutingRuleKind): RoutingRule {
  switch (kind) {
    case 'split':
      return { kind, policy: 'allowed' };
    case 'backorder':
      return { kind, policy: 'partial' };
    case 'substitution':
      return { kind, equivalents: [] };
    case 'capacity':
      return { kind, whenFull: 'defer' };
    case 'promise':
      return { kind, mode: 'meet_deadline' };
    default:
      return { kind } as RoutingRule;
  }
}

/** The rule for a form state; `base` keeps the rule's id. Unknown text in number fields is reported, not guessed. */
export function fromDraft(base: RoutingRule, d: RuleDraft): { rule: RoutingRule } | { error: string; field: string } {
  const out: Record<string, unknown> = { kind: base.kind };
  if (base.id !== undefined) out.id = base.id;
  if (typeof d.label === 'string' && d.label.trim()) out.label = d.label.trim();
  for (const f of LIST_FIELDS) {
    const v = d[f];
    if (typeof v === 'string' && splitList(v).length)
      out[f] = splitList(v).map((x) => (f.toLowerCase().includes('countr') ? x.toUpperCase() : x));
  }
  if (Array.isArray(d.warehouses) && d.warehouses.length) out.warehouses = d.warehouses;
  for (const f of NUMBER_FIELDS) {
    const v = d[f];
    if (typeof v !== 'string' || v.trim() === '') continue;
    const n = Number(v.replace(',', '.'));
    if (!Number.isFinite(n) || n < 0) return { error: 'number', field: f };
    out[f] = n;
  }
  for (const f of ENUM_FIELDS) if (typeof d[f] === 'string' && d[f]) out[f] = d[f];
  if (typeof d.requireConsent === 'boolean') out.requireConsent = d.requireConsent;
  if (base.kind === 'substitution') {
    const lines =
      typeof d.equivalents === 'string'
        ? d.equivalents
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
        : [];
    const equivalents = [];
    for (const line of lines) {
      const m = /^([^:=>]+)\s*(?::|=>|=|→)\s*(.+)$/.exec(line);
      if (!m) return { error: 'equivalents', field: 'equivalents' };
      equivalents.push({ sku: m[1]!.trim(), substitutes: splitList(m[2]!) });
    }
    out.equivalents = equivalents;
  }
  if (base.kind === 'split' && out.policy !== 'max_shipments') delete out.maxShipments;
  if (base.kind === 'backorder' && out.policy !== 'cancel_after_days') delete out.cancelAfterDays;
  return { rule: out as RoutingRule };
}
