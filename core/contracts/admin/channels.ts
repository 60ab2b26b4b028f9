import { z } from 'zod';

/** Text from outside: NUL bytes and lone surrogates are refused at the schema. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const clean = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((v) => !v.includes('\u0000') && !LONE_SURROGATE.test(v), 'contains NUL or an unpaired surrogate');

export const channelLimitDto = z.object({
  operation: z.string(),
  minIntervalMs: z.number().nullable(),
  ratePerSecond: z.number().nullable(),
  burst: z.number().nullable(),
});

/** How many refused SKUs an account's answer lists; the rest are counted. */
export const STOCK_ISSUES_LISTED = 25;

/** A SKU the channel refused in a quantity push, in the channel's own words; the next push offers it again. */
export const channelStockIssueDto = z.object({
  sku: z.string(),
  /** the quantity the refused push carried */
  quantity: z.number(),
  message: z.string(),
  at: z.string(),
});
export type ChannelStockIssueDto = z.infer<typeof channelStockIssueDto>;

/** One marketplace account as the Channels page shows it; never its credentials. */
export const channelAccountDto = z.object({
  id: z.number(),
  kind: z.enum(['mirakl', 'amazon']),
  code: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  active: z.boolean(),
  lastSyncAt: z.string().nullable(),
  lastStockPushAt: z.string().nullable(),
  /** seconds from an order change on the marketplace to our reading it */
  orderLagSeconds: z.number().nullable(),
  /** measured seconds from a stock change to the marketplace accepting it */
  stockLagSeconds: z.number().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  consecutiveFailures: z.number(),
  limits: z.array(channelLimitDto),
  /** the SKUs the channel refused, most recent first: at most STOCK_ISSUES_LISTED, and how many in all */
  stockIssues: z.object({ total: z.number(), latest: z.array(channelStockIssueDto) }),
});
export type ChannelAccountDto = z.infer<typeof channelAccountDto>;

export const channelListResponse = z.object({ accounts: z.array(channelAccountDto) });
export type ChannelListResponse = z.infer<typeof channelListResponse>;

const channelCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lowercase letters, digits and dashes')
  .refine((v) => v !== 'shopify', 'shopify is the built-in channel');

/** Connects a Mirakl operator: its seller API URL, the shop API key, optionally its SH21 carrier list. */
export const createMiraklAccountBody = z
  .object({
    kind: z.literal('mirakl'),
    name: clean(120),
    code: channelCode,
    baseUrl: z.url().max(500),
    apiKey: clean(500),
    carriers: z
      .array(z.object({ code: clean(80), label: clean(120) }))
      .max(500)
      .default([]),
    pollEveryMinutes: z.number().int().min(1).max(60).default(5),
  })
  .strict();
export type CreateMiraklAccountBody = z.infer<typeof createMiraklAccountBody>;

/**
 * Connects an Amazon seller: the SP-API regional endpoint, the app's LWA client and the seller's
 * refresh token (from the website authorization workflow), and the SQS queue ORDER_CHANGE
 * notifications are delivered to (optional: without it orders are read by sweeps only).
 */
export const createAmazonAccountBody = z
  .object({
    kind: z.literal('amazon'),
    name: clean(120),
    code: channelCode,
    baseUrl: z.url().max(500).default('https://sellingpartnerapi-eu.amazon.com'),
    lwaUrl: z.url().max(500).default('https://api.amazon.com/auth/o2/token'),
    sellerId: z.string().regex(/^[A-Z0-9]{8,20}$/, 'the Merchant Token from Seller Central'),
    marketplaceId: z
      .string()
      .regex(/^[A-Z0-9]{10,14}$/)
      .default('A13V1IB3VIYZZH'),
    clientId: clean(200),
    clientSecret: clean(500),
    refreshToken: clean(2000),
    queueUrl: z.url().max(500).nullable().default(null),
    /** the AWS key pair allowed to read the queue (SigV4); needed for a queue on AWS */
    awsAccessKeyId: z
      .string()
      .regex(/^[A-Z0-9]{16,128}$/)
      .optional(),
    awsSecretAccessKey: clean(200).optional(),
    pollEveryMinutes: z.number().int().min(1).max(60).default(1),
  })
  .strict();
export type CreateAmazonAccountBody = z.infer<typeof createAmazonAccountBody>;

/** Either family, told apart by `kind`. */
export const createChannelAccountBody = z.discriminatedUnion('kind', [
  createMiraklAccountBody,
  createAmazonAccountBody,
]);
export type CreateChannelAccountBody = z.infer<typeof createChannelAccountBody>;

export const channelAccountResponse = z.object({ account: channelAccountDto });
export type ChannelAccountResponse = z.infer<typeof channelAccountResponse>;

export const channelIdParams = z.object({ id: z.coerce.number().int().positive() });

export const connectionCheckResponse = z.union([
  z.object({ ok: z.literal(true), accountName: z.string() }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
export type ConnectionCheckResponse = z.infer<typeof connectionCheckResponse>;
