import type { Db } from '../../db/client.js';
import { createEmailOutboxRepo, type OutboxRow } from '../../db/email-outbox-repo.js';
import { createShopsRepo } from '../../db/shops-repo.js';
import { openAlertsForDigest } from '../../db/stock-digest-queries.js';
import { createStockSettingsRepo } from '../../db/stock-settings-repo.js';
import type { StockDigestData } from '../../integrations/email/email-data.js';
import { pickEmailLanguage } from '../../integrations/email/kinds.js';
import type { CustomerEmailDeps } from './customer-email-deps.js';
import { queueEmailJobs } from './queue-email-jobs.js';

/** The digest leaves once the shop's local clock passes this hour. */
const DIGEST_HOUR = 7;
const MAX_ITEMS = 50;

function localDateHour(now: Date, timeZone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/**
 * The merchant's daily stock digest, through the outbox: once per shop and local day (the
 * outbox's unique key), after 7:00 in the shop's time zone, to the address set in the
 * replenishment settings.
 */
export async function sendStockDigests(
  deps: { db: Db; customers: CustomerEmailDeps },
  input: { now?: Date; shopId?: number; ignoreHour?: boolean } = {},
) {
  const now = input.now ?? new Date();
  const shops = (await createShopsRepo(deps.db).listActive()).filter((s) => !input.shopId || s.id === input.shopId);
  const rows: OutboxRow[] = [];
  for (const shop of shops) {
    const { settings } = await createStockSettingsRepo(deps.db).get(shop.id);
    if (!settings.dailyDigest || !settings.digestEmail) continue;
    const { date, hour } = localDateHour(now, shop.timezone);
    if (hour < DIGEST_HOUR && !input.ignoreHour) continue;
    const outbox = createEmailOutboxRepo(deps.db);
    if (await outbox.bySubject(shop.id, `digest:${date}`, 'stock_digest')) continue;
    const alerts = await openAlertsForDigest(deps.db, shop.id);
    const seen = new Set<string>();
    const items: StockDigestData['items'] = [];
    for (const a of alerts) {
      if (seen.has(a.sku) || items.length >= MAX_ITEMS) continue;
      seen.add(a.sku);
      items.push({
        sku: a.sku,
        title: a.title,
        severity: a.severity,
        onHand: a.onHand ?? 0,
        reorderPoint: a.reorderPoint === null ? null : Math.ceil(a.reorderPoint),
        daysOfCover: a.daysOfCover,
      });
    }
    const data: StockDigestData = {
      date,
      openAlerts: alerts.length,
      items,
      adminUrl: `${deps.customers.appUrl ?? ''}/alerts`,
    };
    const { row } = await outbox.insertOnce({
      shopId: shop.id,
      subjectKey: `digest:${date}`,
      kind: 'stock_digest',
      sender: 'app',
      toAddress: settings.digestEmail,
      locale: pickEmailLanguage(null, shop.settings.language ?? shop.locale),
      data,
      ...(deps.customers.appCanSend
        ? { status: 'pending' as const }
        : { status: 'skipped' as const, lastError: 'no SMTP server is configured (SMTP_URL)' }),
    });
    rows.push(row);
  }
  await queueEmailJobs(deps.customers, rows);
  return { queued: rows.filter((r) => r.status === 'pending').length };
}
