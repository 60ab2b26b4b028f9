import { createChannelAccountsRepo } from '../db/channel-accounts-repo.js';
import type { Db } from '../db/client.js';
import { createStockSettingsRepo, type ChannelBuffer, type StockSettings } from '../db/stock-settings-repo.js';
import { NotFoundError } from '../errors.js';
import { CallGateWait } from '../integrations/channels/call-gate.js';
import type { QuantityIssue } from '../integrations/channels/channel.js';
import type { ChannelRegistry } from '../integrations/channels/index.js';
import type { Logger } from '../logger.js';
import { bufferUnits } from './sync-inventory.js';

export interface PushChannelStockDeps {
  db: Db;
  channels: ChannelRegistry;
  log: Logger;
  now?: () => Date;
}

export type PushChannelStockResult =
  | {
      status: 'pushed';
      changed: number;
      accepted: number;
      rejected: number;
      reference: string | null;
      /** the SKUs the marketplace refused, and why */
      issues: QuantityIssue[];
    }
  | { status: 'skipped'; reason: string };

/** Lag assumed for a channel until one is measured: about one operator poll interval. */
export const MARKETPLACE_DEFAULT_LAG_SECONDS = 60;

/** A marketplace account's buffer rule (its own, else its family's) and the lag a lag-derived one reads. */
export function marketplaceBuffer(
  settings: StockSettings,
  measuredLag: Record<string, number>,
  account: { code: string; kind: string },
): { buffer: ChannelBuffer | undefined; lag: number } {
  return {
    buffer: settings.buffers[account.code] ?? settings.buffers[account.kind],
    lag: measuredLag[account.code] ?? MARKETPLACE_DEFAULT_LAG_SECONDS,
  };
}

/**
 * Tells one marketplace account what each SKU may sell: free units across the active
 * warehouses minus that channel's buffer (fixed, percent, or measured lag × velocity). Only
 * values that changed since the account last accepted them are sent (all of them when
 * `full`), in one call. The time from the stock change to the push is fed to the channel's
 * measured lag, which the lag-derived buffer reads.
 */
export async function pushChannelStock(
  deps: PushChannelStockDeps,
  input: { shopId: number; accountId: number; changedAt?: number; full?: boolean },
): Promise<PushChannelStockResult> {
  const repo = createChannelAccountsRepo(deps.db);
  const account = await repo.get(input.shopId, input.accountId);
  if (!account) throw new NotFoundError(`channel account ${input.accountId}`);
  if (!account.active) return { status: 'skipped', reason: 'account inactive' };
  const settingsRepo = createStockSettingsRepo(deps.db);
  const { settings, measuredLag } = await settingsRepo.get(input.shopId);
  const { buffer, lag } = marketplaceBuffer(settings, measuredLag, account);
  const free = await repo.freeStockBySku(input.shopId);
  const before = await repo.pushedStock(input.shopId, account.id);
  const targets = free
    .map((r) => ({
      skuId: r.skuId,
      sku: r.sku,
      quantity: Math.max(0, r.free - bufferUnits(buffer, r.free, r.meanDaily, lag)),
    }))
    .filter((t) => input.full || before.get(t.skuId) !== t.quantity);
  if (targets.length === 0) return { status: 'skipped', reason: 'nothing changed' };
  const now = () => deps.now?.() ?? new Date();
  try {
    const res = await deps.channels
      .forAccount(account)
      .setSellableQuantities(targets.map((t) => ({ sku: t.sku, quantity: t.quantity })));
    const at = now();
    // a refused SKU was not told its quantity: the next push offers it again
    const refused = new Map(res.issues.map((i) => [i.sku, i.message]));
    const told = targets.filter((t) => !refused.has(t.sku));
    await repo.recordPushedStock(input.shopId, account.id, told, at);
    await repo.recordStockIssues(input.shopId, account.id, {
      accepted: told.map((t) => t.skuId),
      refused: targets
        .filter((t) => refused.has(t.sku))
        .map((t) => ({ skuId: t.skuId, quantity: t.quantity, message: refused.get(t.sku)! })),
      reference: res.reference,
      at,
    });
    await repo.recordStockPush(input.shopId, account.id, at);
    if (input.changedAt)
      await settingsRepo.recordLag(input.shopId, account.code, Math.max(0, (at.getTime() - input.changedAt) / 1000));
    if (res.rejected)
      deps.log.warn(
        { accountId: account.id, reference: res.reference, rejected: res.rejected, issues: res.issues.slice(0, 20) },
        'the marketplace refused some quantity lines',
      );
    return {
      status: 'pushed',
      changed: targets.length,
      accepted: res.accepted,
      rejected: res.rejected,
      reference: res.reference,
      issues: res.issues,
    };
  } catch (e) {
    if (!(e instanceof CallGateWait))
      await repo.recordFailure(input.shopId, account.id, `stock: ${(e as Error).message}`, now());
    throw e;
  }
}
