import { z } from 'zod';

/**
 * The one place environment variables are read. Everything else receives a typed `AppConfig`.
 * Values are grouped by concern; booleans are real booleans ("true"/"false"/"1"/"0").
 */

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a port number' })
    .int({ message: 'must be a whole number' })
    .min(0, { message: 'must be between 0 and 65535' })
    .max(65535, { message: 'must be between 0 and 65535' })
    .default(fallback);

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .positive({ message: 'must be positive' })
    .default(fallback);

const url = z.url({ message: 'must be a URL' });

/** 32-byte keys, base64 or hex; several may be given (comma-separated), the first encrypts, all decrypt. */
const keyList = z.string().transform((raw, ctx) => {
  const keys = raw
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => (/^[0-9a-f]{64}$/i.test(k) ? Buffer.from(k, 'hex') : Buffer.from(k, 'base64')));
  if (keys.length === 0 || keys.some((k) => k.length !== 32)) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be one or more 32-byte keys (64 hex chars or base64), comma-separated',
    });
    return z.NEVER;
  }
  return keys;
});

/** The simulator's public credentials: fine against the simulator, refused against real Shopify. */
const DEMO_API_KEY = 'demo-api-key';
const DEMO_API_SECRET = 'demo-api-secret';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port(3000),
  HOST: z.string().default('127.0.0.1'),
  APP_URL: url.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: positiveInt(1024 * 1024),
  /** the proxy in front of the app: "true" (any), a hop count, or comma-separated addresses/CIDRs; unset trusts none */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v): boolean | number | string[] => {
      if (!v || v === 'false') return false;
      if (v === 'true') return true;
      if (/^\d+$/.test(v)) return Number(v);
      return v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    }),

  DATABASE_URL: url.optional(),
  PGLITE_DIR: z.string().default('.data/pglite'),
  DB_POOL_SIZE: positiveInt(10),
  MIGRATE_ON_START: bool(false),

  REDIS_URL: url.default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().min(1).default('{lapp}'),
  WORKERS: z.string().optional(),

  SHOPIFY_API_KEY: z.string().min(1).default(DEMO_API_KEY),
  SHOPIFY_API_SECRET: z.string().min(1).default(DEMO_API_SECRET),
  SHOPIFY_API_SECRET_PREVIOUS: z.string().optional(),
  SHOPIFY_API_VERSION: z.literal('2026-07').default('2026-07'),
  SHOPIFY_API_ORIGIN: url.optional(),
  SHOPIFY_SCOPES: z.string().default(''),
  RECONCILE_EVERY_MINUTES: positiveInt(15),
  /** how often the sweeper looks in Postgres for work Redis lost, and how old that work must be first */
  SWEEP_EVERY_SECONDS: positiveInt(15),
  SWEEP_GRACE_SECONDS: positiveInt(60),
  /** how often every worker process puts the maintenance schedulers back (after a Redis flush or failover) */
  SCHEDULERS_REASSERT_SECONDS: positiveInt(60),
  FEED_RATE_LIMIT_PER_MINUTE: positiveInt(6000),
  ADMIN_RATE_LIMIT_PER_MINUTE: positiveInt(600),
  /** wrong feed keys one address may try in ten minutes before it is refused outright */
  FEED_FAILED_AUTH_PER_10_MINUTES: positiveInt(30),
  /** lets push URLs reach loopback and private addresses: tests and local 3PL simulators only */
  PUSH_ALLOW_PRIVATE_NETWORK: bool(false),
  /** days a processed webhook's raw body is kept; dead letters stay until replayed or discarded */
  INBOX_RETENTION_DAYS: positiveInt(30),
  /** days a webhook for a shop that never installed the app is kept (no merchant can see it) */
  UNKNOWN_SHOP_RETENTION_DAYS: positiveInt(7),
  /** days a 3PL's Idempotency-Key answers are kept; the feed guide promises at least 7 */
  FEED_IDEMPOTENCY_RETENTION_DAYS: positiveInt(30).refine(
    (d) => d >= 7,
    'keep feed idempotency keys at least 7 days (the feed guide promises it)',
  ),

  SMTP_URL: url.optional(),
  EMAIL_FROM: z.string().default('Logistics <no-reply@localhost>'),
  EMAIL_MAX_ATTEMPTS: positiveInt(10),
  /** a mailbox reader (the demo's SMTP sink, over HTTP); unset everywhere but the demo */
  DEMO_MAILBOX_URL: url.optional(),
  DELAY_NO_SCAN_HOURS: positiveInt(48),
  TRACKING_RATE_LIMIT_PER_MINUTE: positiveInt(60),

  TOKEN_ENCRYPTION_KEYS: keyList.optional(),
  SESSION_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).default(10),
});

export type AppConfig = ReturnType<typeof shapeConfig>;

function shapeConfig(env: z.infer<typeof envSchema>) {
  return {
    env: env.NODE_ENV,
    http: {
      port: env.PORT,
      host: env.HOST,
      appUrl: env.APP_URL,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      trustProxy: env.TRUST_PROXY,
    },
    log: { level: env.LOG_LEVEL },
    db: {
      url: env.DATABASE_URL,
      pgliteDir: env.PGLITE_DIR,
      poolSize: env.DB_POOL_SIZE,
      migrateOnStart: env.MIGRATE_ON_START,
    },
    redis: { url: env.REDIS_URL, prefix: env.QUEUE_PREFIX },
    maintenance: {
      sweepEveryMs: env.SWEEP_EVERY_SECONDS * 1000,
      sweepGraceMs: env.SWEEP_GRACE_SECONDS * 1000,
      reassertSchedulersEveryMs: env.SCHEDULERS_REASSERT_SECONDS * 1000,
    },
    workers: {
      only: env.WORKERS
        ? env.WORKERS.split(',')
            .map((w) => w.trim())
            .filter(Boolean)
        : undefined,
    },
    shopify: {
      apiKey: env.SHOPIFY_API_KEY,
      apiSecret: env.SHOPIFY_API_SECRET,
      previousApiSecret: env.SHOPIFY_API_SECRET_PREVIOUS,
      apiVersion: env.SHOPIFY_API_VERSION,
      apiOrigin: env.SHOPIFY_API_ORIGIN,
      scopes: env.SHOPIFY_SCOPES.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      reconcileEveryMinutes: env.RECONCILE_EVERY_MINUTES,
    },
    email: {
      smtpUrl: env.SMTP_URL,
      from: env.EMAIL_FROM,
      maxAttempts: env.EMAIL_MAX_ATTEMPTS,
      demoMailboxUrl: env.DEMO_MAILBOX_URL,
    },
    customers: {
      delayNoScanHours: env.DELAY_NO_SCAN_HOURS,
      trackingRateLimitPerMinute: env.TRACKING_RATE_LIMIT_PER_MINUTE,
    },
    admin: { rateLimitPerMinute: env.ADMIN_RATE_LIMIT_PER_MINUTE },
    feed: {
      rateLimitPerMinute: env.FEED_RATE_LIMIT_PER_MINUTE,
      failedAuthPer10Minutes: env.FEED_FAILED_AUTH_PER_10_MINUTES,
    },
    retention: {
      inboxProcessedDays: env.INBOX_RETENTION_DAYS,
      unknownShopDays: env.UNKNOWN_SHOP_RETENTION_DAYS,
      feedIdempotencyDays: env.FEED_IDEMPOTENCY_RETENTION_DAYS,
    },
    push: { allowPrivateNetwork: env.PUSH_ALLOW_PRIVATE_NETWORK, requireHttps: env.NODE_ENV === 'production' },
    security: {
      // Only against the simulator (demo, tests) may the fixed development key be used; loadConfig enforces it.
      tokenEncryptionKeys: env.TOKEN_ENCRYPTION_KEYS ?? [Buffer.alloc(32, 7)],
      sessionClockSkewSeconds: env.SESSION_CLOCK_SKEW_SECONDS,
    },
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws a ConfigError with one line per problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings mean "unset", as in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) => `config: ${i.path.join('.') || '(env)'} ${i.message}${showValue(cleaned, i.path)}`,
      ),
    );
  }
  const problems: string[] = [];
  const d = parsed.data;
  if (d.NODE_ENV === 'production') {
    if (!d.DATABASE_URL) problems.push('config: DATABASE_URL is required in production');
    if (d.SHOPIFY_API_ORIGIN)
      problems.push('config: SHOPIFY_API_ORIGIN (a simulated Shopify) is not allowed in production');
    if (d.PUSH_ALLOW_PRIVATE_NETWORK) problems.push('config: PUSH_ALLOW_PRIVATE_NETWORK is not allowed in production');
  }
  // Without SHOPIFY_API_ORIGIN the app talks to real Shopify: the public demo values would let
  // anyone sign session tokens and webhooks or read the stored access tokens.
  if (!d.SHOPIFY_API_ORIGIN || d.NODE_ENV === 'production') {
    const against = d.NODE_ENV === 'production' ? 'in production' : 'against real Shopify (SHOPIFY_API_ORIGIN unset)';
    if (!d.TOKEN_ENCRYPTION_KEYS) problems.push(`config: TOKEN_ENCRYPTION_KEYS is required ${against}`);
    if (!cleaned.SHOPIFY_API_SECRET || d.SHOPIFY_API_SECRET === DEMO_API_SECRET)
      problems.push(`config: SHOPIFY_API_SECRET must be the app's own secret ${against}`);
    if (!cleaned.SHOPIFY_API_KEY || d.SHOPIFY_API_KEY === DEMO_API_KEY)
      problems.push(`config: SHOPIFY_API_KEY must be the app's own client id ${against}`);
  }
  if (problems.length) throw new ConfigError(problems);
  return shapeConfig(parsed.data);
}

function showValue(env: Record<string, string | undefined>, path: PropertyKey[]): string {
  const key = String(path[0] ?? '');
  if (!key || /SECRET|KEY|PASSWORD|TOKEN/.test(key)) return '';
  const value = env[key];
  return value === undefined ? '' : ` (got "${value.slice(0, 40)}")`;
}

/** For entry points: print each problem on its own line and exit 1. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const p of e.problems) process.stderr.write(`${p}\n`);
      process.exit(1);
    }
    throw e;
  }
}
