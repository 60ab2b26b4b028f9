import { sql } from 'drizzle-orm';
import { fulfillmentOrders, shopifyInventoryLevels, shopifyLocations } from '../../drizzle/schema/index.js';
import type { Address } from '../domain/address.js';
import type { DbOrTx } from './client.js';

/** A fulfillment order as Shopify's webhooks describe it (ids and statuses only). */
export interface MirroredFulfillmentOrder {
  externalId: string;
  status: string;
  requestStatus: string | null;
  locationExternalId: string | null;
}

export interface MirroredLocation {
  externalId: string;
  name: string;
  address: Address;
  active: boolean;
  deleted: boolean;
}

/**
 * Shopify's side of things, as its webhooks report it: fulfillment orders, locations and
 * `available` per item and location. Each upsert keeps the newest version (`at`) only.
 */
export function createShopifyMirrorRepo(db: DbOrTx) {
  return {
    /**
     * Versions of fulfillment orders, in the order they came, in one statement: each row ends as
     * storing them one after the other would leave it. A version older than the stored one (or
     * than one before it in the list) changes nothing; a request status or location a version
     * leaves out keeps the one before. Rows are written in id order, so two writers lock them in one order.
     */
    async applyFulfillmentOrderVersions(
      shopId: number,
      versions: (MirroredFulfillmentOrder & { at: Date })[],
    ): Promise<void> {
      if (versions.length === 0) return;
      const given = versions.map((v, n) => ({
        external_id: v.externalId,
        status: v.status,
        request_status: v.requestStatus,
        location_external_id: v.locationExternalId,
        at: v.at.toISOString(),
        n,
      }));
      await db.execute(sql`
        with given as (
          select * from json_to_recordset(${JSON.stringify(given)}::json) as x(external_id text, status text,
            request_status text, location_external_id text, at timestamptz, n int)),
        held as (
          select external_id, source_updated_at from ${fulfillmentOrders}
          where shop_id = ${shopId} and external_id in (select external_id from given)),
        -- one after the other, a version applies when it is no older than the stored one and every one before it
        applied as (
          select g.* from (
            select given.*, max(at) over (partition by external_id order by n rows between unbounded preceding and 1 preceding) as before
            from given) g
          left join held h on h.external_id = g.external_id
          where g.at >= coalesce(greatest(h.source_updated_at, g.before), g.at)),
        newest as (
          select external_id,
            (array_agg(status order by n desc))[1] as status,
            (array_agg(request_status order by n desc) filter (where request_status is not null))[1] as request_status,
            (array_agg(location_external_id order by n desc) filter (where location_external_id is not null))[1] as location_external_id,
            max(at) as at
          from applied group by external_id)
        insert into ${fulfillmentOrders} (shop_id, external_id, status, request_status, location_external_id, source_updated_at)
        select ${shopId}, external_id, status, request_status, location_external_id, at from newest order by external_id
        on conflict (shop_id, external_id) do update set
          status = excluded.status,
          request_status = coalesce(excluded.request_status, ${fulfillmentOrders}.request_status),
          location_external_id = coalesce(excluded.location_external_id, ${fulfillmentOrders}.location_external_id),
          source_updated_at = excluded.source_updated_at,
          updated_at = now()
        where ${fulfillmentOrders}.source_updated_at is null or ${fulfillmentOrders}.source_updated_at <= excluded.source_updated_at`);
    },

    /** false when a newer level was already stored */
    async upsertInventoryLevel(
      shopId: number,
      l: { inventoryItemExternalId: string; locationExternalId: string; available: number | null },
      at: Date,
    ): Promise<boolean> {
      return (await this.upsertInventoryLevels(shopId, [{ ...l, at }])) > 0;
    },

    /** Levels in one statement, each applied unless a newer one is stored; answers how many were. */
    async upsertInventoryLevels(
      shopId: number,
      levels: { inventoryItemExternalId: string; locationExternalId: string; available: number | null; at: Date }[],
    ): Promise<number> {
      if (levels.length === 0) return 0;
      // rows in one global order: two batches (or a batch and a stock push) never wait on each other in a cycle
      const sorted = [...levels].sort(byLevelKey);
      const rows = await db
        .insert(shopifyInventoryLevels)
        .values(sorted.map(({ at, ...l }) => ({ shopId, ...l, sourceUpdatedAt: at })))
        .onConflictDoUpdate({
          target: [
            shopifyInventoryLevels.shopId,
            shopifyInventoryLevels.inventoryItemExternalId,
            shopifyInventoryLevels.locationExternalId,
          ],
          set: {
            available: sql`excluded.available`,
            sourceUpdatedAt: sql`excluded.source_updated_at`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`${shopifyInventoryLevels.sourceUpdatedAt} < excluded.source_updated_at`,
        })
        .returning({ id: shopifyInventoryLevels.id });
      return rows.length;
    },

    /** false when a newer version was already stored; a deleted location stays deleted */
    async upsertLocation(shopId: number, l: MirroredLocation, at: Date): Promise<boolean> {
      const rows = await db
        .insert(shopifyLocations)
        .values({ shopId, ...l, sourceUpdatedAt: at })
        .onConflictDoUpdate({
          target: [shopifyLocations.shopId, shopifyLocations.externalId],
          set: {
            name: sql`excluded.name`,
            address: sql`excluded.address`,
            active: sql`excluded.active`,
            deleted: sql`${shopifyLocations.deleted} or excluded.deleted`,
            sourceUpdatedAt: sql`excluded.source_updated_at`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`${shopifyLocations.sourceUpdatedAt} is null or ${shopifyLocations.sourceUpdatedAt} <= excluded.source_updated_at`,
        })
        .returning({ id: shopifyLocations.id });
      return rows.length > 0;
    },
  };
}

/** The order every multi-row write of inventory levels takes its rows in (item, then location). */
export function byLevelKey(
  a: { inventoryItemExternalId: string; locationExternalId: string },
  b: { inventoryItemExternalId: string; locationExternalId: string },
): number {
  return (
    compareText(a.inventoryItemExternalId, b.inventoryItemExternalId) ||
    compareText(a.locationExternalId, b.locationExternalId)
  );
}

const compareText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
