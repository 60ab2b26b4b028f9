import {
  STOCK_ISSUES_LISTED,
  type ChannelAccountDto,
  type ConnectionCheckResponse,
  type CreateAmazonAccountBody,
  type CreateChannelAccountBody,
  type CreateMiraklAccountBody,
} from '../../contracts/admin/channels.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import { createChannelAccountsRepo, type ChannelAccountRow } from '../../db/channel-accounts-repo.js';
import type { Db } from '../../db/client.js';
import { createStockSettingsRepo } from '../../db/stock-settings-repo.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { ChannelRegistry } from '../../integrations/channels/index.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueChannelAccountStart } from '../../queue/producers.js';

export interface ChannelAccountDeps {
  db: Db;
  channels: ChannelRegistry;
  queues: Queues;
}

const NO_ISSUES: ChannelAccountDto['stockIssues'] = { total: 0, latest: [] };

function toDto(
  a: ChannelAccountRow,
  deps: ChannelAccountDeps,
  stockLag: Record<string, number>,
  stockIssues = NO_ISSUES,
): ChannelAccountDto {
  const limits = limitsOf(a, deps);
  return {
    id: a.id,
    kind: a.kind,
    code: a.code,
    name: a.name,
    baseUrl: a.baseUrl,
    active: a.active,
    lastSyncAt: a.lastSyncAt?.toISOString() ?? null,
    lastStockPushAt: a.lastStockPushAt?.toISOString() ?? null,
    orderLagSeconds: a.orderLagSeconds,
    stockLagSeconds: stockLag[a.code] ?? null,
    lastError: a.lastError,
    lastErrorAt: a.lastErrorAt?.toISOString() ?? null,
    consecutiveFailures: a.consecutiveFailures,
    limits,
    stockIssues,
  };
}

function limitsOf(a: ChannelAccountRow, deps: ChannelAccountDeps): ChannelAccountDto['limits'] {
  try {
    return deps.channels.forAccount(a).limits();
  } catch {
    // an account whose adapter cannot be built (unreadable settings or credentials) still shows, without limits
    return [];
  }
}

/** The shop's marketplace accounts with their sync health and the SKUs each refused. */
export async function listChannelAccounts(
  deps: ChannelAccountDeps,
  input: { shopId: number },
): Promise<ChannelAccountDto[]> {
  const repo = createChannelAccountsRepo(deps.db);
  const [rows, { measuredLag }, issueRows] = await Promise.all([
    repo.listForShop(input.shopId),
    createStockSettingsRepo(deps.db).get(input.shopId),
    repo.stockIssuesOfShop(input.shopId, STOCK_ISSUES_LISTED),
  ]);
  const issues = new Map<number, ChannelAccountDto['stockIssues']>();
  for (const { accountId, total, at, ...issue } of issueRows) {
    const of = issues.get(accountId) ?? { total, latest: [] };
    of.latest.push({ ...issue, at: at.toISOString() });
    issues.set(accountId, of);
  }
  return rows.map((a) => toDto(a, deps, measuredLag, issues.get(a.id)));
}

/** Connects a Mirakl operator account: credentials sealed, polling scheduled, a first poll and a full stock push queued. */
export async function createMiraklAccount(
  deps: ChannelAccountDeps,
  input: { shopId: number; body: CreateMiraklAccountBody; actor: string },
): Promise<ChannelAccountDto> {
  const repo = createChannelAccountsRepo(deps.db);
  if (await repo.byCode(input.shopId, input.body.code))
    throw new ConflictError(`a channel with code ${input.body.code} exists`);
  const b = input.body;
  const row = await repo.create(input.shopId, {
    kind: 'mirakl',
    code: b.code,
    name: b.name,
    baseUrl: b.baseUrl,
    credentialsEnc: deps.channels.sealCredentials('mirakl', { apiKey: b.apiKey }),
    settings: { kind: 'mirakl', carriers: b.carriers, pageSize: 100, pollEveryMs: b.pollEveryMinutes * 60_000 },
  });
  await createAuditRepo(deps.db).record(input.shopId, 'channel_account', String(row.id), 'created', input.actor, {
    kind: 'mirakl',
    code: b.code,
    baseUrl: b.baseUrl,
  });
  // the poll schedule and the stock sync reach a new account anyway: a failed enqueue only delays its start
  await enqueueChannelAccountStart(deps.queues, input.shopId, row.id);
  return toDto(row, deps, {});
}

/** Connects an Amazon seller: LWA credentials sealed, polling (queue and sweeps) scheduled, a first poll and a full stock push queued. */
export async function createAmazonAccount(
  deps: ChannelAccountDeps,
  input: { shopId: number; body: CreateAmazonAccountBody; actor: string },
): Promise<ChannelAccountDto> {
  const repo = createChannelAccountsRepo(deps.db);
  const b = input.body;
  if (await repo.byCode(input.shopId, b.code)) throw new ConflictError(`a channel with code ${b.code} exists`);
  const row = await repo.create(input.shopId, {
    kind: 'amazon',
    code: b.code,
    name: b.name,
    baseUrl: b.baseUrl,
    credentialsEnc: deps.channels.sealCredentials('amazon', {
      clientId: b.clientId,
      clientSecret: b.clientSecret,
      refreshToken: b.refreshToken,
      ...(b.awsAccessKeyId && b.awsSecretAccessKey
        ? { awsAccessKeyId: b.awsAccessKeyId, awsSecretAccessKey: b.awsSecretAccessKey }
        : {}),
    }),
    settings: {
      kind: 'amazon',
      sellerId: b.sellerId,
      marketplaceId: b.marketplaceId,
      lwaUrl: b.lwaUrl,
      queueUrl: b.queueUrl,
      pollEveryMs: b.pollEveryMinutes * 60_000,
    },
  });
  await createAuditRepo(deps.db).record(input.shopId, 'channel_account', String(row.id), 'created', input.actor, {
    kind: 'amazon',
    code: b.code,
    baseUrl: b.baseUrl,
    sellerId: b.sellerId,
    marketplaceId: b.marketplaceId,
  });
  // the poll schedule and the stock sync reach a new account anyway: a failed enqueue only delays its start
  await enqueueChannelAccountStart(deps.queues, input.shopId, row.id);
  return toDto(row, deps, {});
}

/** Connects an account of either family. */
export async function createChannelAccount(
  deps: ChannelAccountDeps,
  input: { shopId: number; body: CreateChannelAccountBody; actor: string },
): Promise<ChannelAccountDto> {
  const { body } = input;
  return body.kind === 'amazon'
    ? createAmazonAccount(deps, { ...input, body })
    : createMiraklAccount(deps, { ...input, body });
}

/** One authenticated call with the stored credentials. */
export async function testChannelConnection(
  deps: ChannelAccountDeps,
  input: { shopId: number; accountId: number },
): Promise<ConnectionCheckResponse> {
  const a = await createChannelAccountsRepo(deps.db).get(input.shopId, input.accountId);
  if (!a) throw new NotFoundError('channel account');
  return deps.channels.forAccount(a).testConnection();
}
