import { eq, sql } from 'drizzle-orm';
import { defaultStockSettings, stockSettings, type StockSettings } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export type { ChannelBuffer, StockSettings } from '../../drizzle/schema/index.js';

export function createStockSettingsRepo(db: DbOrTx) {
  return {
    async get(shopId: number): Promise<{ settings: StockSettings; measuredLag: Record<string, number> }> {
      const [row] = await db.select().from(stockSettings).where(eq(stockSettings.shopId, shopId));
      return { settings: { ...defaultStockSettings, ...(row?.settings ?? {}) }, measuredLag: row?.measuredLag ?? {} };
    },
    async save(shopId: number, settings: StockSettings): Promise<void> {
      await db
        .insert(stockSettings)
        .values({ shopId, settings })
        .onConflictDoUpdate({ target: stockSettings.shopId, set: { settings, updatedAt: new Date() } });
    },
    /** Exponential moving average of the sync lag, per channel. */
    async recordLag(shopId: number, channel: string, seconds: number): Promise<void> {
      await db
        .insert(stockSettings)
        .values({ shopId, settings: defaultStockSettings, measuredLag: { [channel]: seconds } })
        .onConflictDoUpdate({
          target: stockSettings.shopId,
          set: {
            measuredLag: sql`${stockSettings.measuredLag} || jsonb_build_object(${channel}::text, round((coalesce((${stockSettings.measuredLag}->>${channel})::float8, ${seconds}) * 0.8 + ${seconds} * 0.2)::numeric, 2))`,
          },
        });
    },
  };
}
