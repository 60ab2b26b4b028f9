import { z } from 'zod';
import { dateTime } from './common.js';

/** UI languages the app is translated into. */
export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];

/** The merchant's choices that change how the app behaves. */
export const shopSettings = z.object({
  routeUnpaidOrders: z.boolean(),
  notifyCustomerFrom: z.enum(['shopify', 'app']),
  language: z.enum(languages),
  /** the shop's logo and brand colour in customer e-mails and on the tracking page */
  logoUrl: z
    .url({ protocol: /^https$/, message: 'must be an https URL' })
    .max(500)
    .nullable()
    .optional(),
  brandColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f5f8b')
    .nullable()
    .optional(),
});
export type ShopSettings = z.infer<typeof shopSettings>;

/** PATCH /settings: any subset of the settings. */
export const shopSettingsPatch = shopSettings.partial().strict();
export type ShopSettingsPatch = z.infer<typeof shopSettingsPatch>;
/** PATCH /settings */
export const shopSettingsResponse = z.object({ settings: shopSettings });
export type ShopSettingsResponse = z.infer<typeof shopSettingsResponse>;

/** The initial import of a shop's catalog, stock and open orders, with its progress. */
export const importRun = z.object({
  id: z.number().int(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  stage: z.string(),
  percent: z.number(),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  startedAt: dateTime.nullable(),
  finishedAt: dateTime.nullable(),
  createdAt: dateTime,
  updatedAt: dateTime,
});
export type ImportRun = z.infer<typeof importRun>;

/** One thing a reconciliation run found and repaired. */
export const reconcileDetail = z.object({ externalId: z.string(), name: z.string(), what: z.string() });
export type ReconcileDetail = z.infer<typeof reconcileDetail>;

/** One reconciliation pass: the window it covered and what it had to repair. */
export const reconcileRun = z.object({
  id: z.number().int(),
  cursorFrom: dateTime.nullable(),
  cursorTo: dateTime.nullable(),
  checked: z.number().int(),
  repaired: z.number().int(),
  details: z.array(reconcileDetail),
  status: z.enum(['running', 'completed', 'failed']),
  error: z.string().nullable(),
  startedAt: dateTime,
  finishedAt: dateTime.nullable(),
});
export type ReconcileRun = z.infer<typeof reconcileRun>;

/** The shop as the admin app shows it. */
export const shopInfo = z.object({
  domain: z.string(),
  name: z.string().nullable(),
  currency: z.string(),
  locale: z.string(),
  timezone: z.string(),
  status: z.enum(['active', 'uninstalled']),
  installedAt: dateTime,
});
export type ShopInfo = z.infer<typeof shopInfo>;

/** GET /shop */
export const shopResponse = z.object({
  shop: shopInfo,
  settings: shopSettings,
  import: importRun.nullable(),
  lastReconciliation: reconcileRun.nullable(),
  deadLetters: z.number().int(),
  /** whether the app can send e-mails (SMTP configured) and whether a demo mailbox is there to read them */
  email: z.object({ configured: z.boolean(), mailbox: z.boolean() }),
});
export type ShopResponse = z.infer<typeof shopResponse>;

/** GET /imports/latest */
export const latestImportResponse = z.object({ import: importRun.nullable() });
export type LatestImportResponse = z.infer<typeof latestImportResponse>;

/** GET /reconciliation */
export const reconciliationResponse = z.object({
  runs: z.array(reconcileRun),
  summary: z.object({ runs: z.number().int(), repaired: z.number().int(), runsWithRepairs: z.number().int() }),
});
export type ReconciliationResponse = z.infer<typeof reconciliationResponse>;

/** A GDPR request Shopify sent, and what the app did about it. */
export const privacyRecord = z.object({
  id: z.number().int(),
  topic: z.string(),
  customerExternalId: z.string().nullable(),
  summary: z.record(z.string(), z.number()),
  createdAt: dateTime,
});
export type PrivacyRecord = z.infer<typeof privacyRecord>;
/** GET /privacy */
export const privacyResponse = z.object({ records: z.array(privacyRecord) });
export type PrivacyResponse = z.infer<typeof privacyResponse>;
/** GET /privacy/:id/export: the data held about one customer, as a download. */
export const privacyExportResponse = z.object({
  customer: z.string().nullable(),
  createdAt: dateTime,
  data: z.unknown(),
});
export type PrivacyExportResponse = z.infer<typeof privacyExportResponse>;
