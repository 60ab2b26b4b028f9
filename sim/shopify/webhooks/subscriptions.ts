import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';

/** Compliance topics can only be declared in shopify.app.toml (`compliance_topics`). */
export const COMPLIANCE_TOPICS = ['customers/data_request', 'customers/redact', 'shop/redact'] as const;

/** One topic → endpoint pair, as Shopify keeps app-scoped subscriptions. */
export interface WebhookSubscription {
  topic: string;
  /** Absolute URL, or a path relative to the app URL (as in the TOML). */
  uri: string;
  name: string | null;
  includeFields: string[] | null;
  filter: string | null;
  compliance: boolean;
}

/** What the simulator needs from shopify.app.toml. */
export interface AppToml {
  clientId: string | null;
  applicationUrl: string | null;
  scopes: string;
  apiVersion: string | null;
  subscriptions: WebhookSubscription[];
}

interface RawSubscription {
  topics?: unknown;
  compliance_topics?: unknown;
  uri?: unknown;
  name?: unknown;
  include_fields?: unknown;
  filter?: unknown;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function obj(v: unknown): { [k: string]: unknown } {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as { [k: string]: unknown }) : {};
}

/** Parses the webhook subscriptions, scopes and app URL out of shopify.app.toml text. */
export function parseAppToml(text: string): AppToml {
  const doc = obj(parse(text));
  const webhooks = obj(doc.webhooks);
  const access = obj(doc.access_scopes);
  const subscriptions: WebhookSubscription[] = [];
  const raw = Array.isArray(webhooks.subscriptions) ? (webhooks.subscriptions as RawSubscription[]) : [];
  for (const s of raw) {
    if (typeof s.uri !== 'string') continue;
    const common = {
      uri: s.uri,
      name: typeof s.name === 'string' ? s.name : null,
      includeFields: Array.isArray(s.include_fields) ? strings(s.include_fields) : null,
      filter: typeof s.filter === 'string' ? s.filter : null,
    };
    for (const topic of strings(s.topics)) subscriptions.push({ ...common, topic, compliance: false });
    for (const topic of strings(s.compliance_topics)) subscriptions.push({ ...common, topic, compliance: true });
  }
  return {
    clientId: typeof doc.client_id === 'string' ? doc.client_id : null,
    applicationUrl: typeof doc.application_url === 'string' ? doc.application_url : null,
    scopes: typeof access.scopes === 'string' ? access.scopes : '',
    apiVersion: typeof webhooks.api_version === 'string' ? webhooks.api_version : null,
    subscriptions,
  };
}

export function readAppToml(path: string): AppToml {
  return parseAppToml(readFileSync(path, 'utf8'));
}

/** Resolves a subscription URI against the app URL (relative URIs are prefixed, as Shopify CLI does). */
export function resolveUri(uri: string, appUrl: string | null): string | null {
  if (/^https?:\/\//.test(uri)) return uri;
  if (!uri.startsWith('/')) return null;
  if (!appUrl) return null;
  return `${appUrl.replace(/\/+$/, '')}${uri}`;
}

/** Keeps only the top-level fields of `include_fields` (nested paths keep their top-level key). */
export function trimPayload(payload: object, includeFields: readonly string[] | null): object {
  if (!includeFields || includeFields.length === 0) return payload;
  const keep = new Set(includeFields.map((f) => f.split('.')[0] ?? f));
  const out: { [k: string]: unknown } = {};
  for (const [k, v] of Object.entries(payload)) if (keep.has(k)) out[k] = v;
  return out;
}
