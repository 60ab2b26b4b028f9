import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { complianceRecords, orderLines, orders, sessions } from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';

export interface CustomerRef {
  externalId: string | null;
  email: string | null;
  orderExternalIds: string[];
}

/** Personal data we hold: who ordered and where it ships. Everything else is operational. */
export function createPrivacyRepo(db: DbOrTx) {
  const customerOrders = (shopId: number, c: CustomerRef) => {
    const who = [
      c.externalId ? eq(orders.customerExternalId, c.externalId) : undefined,
      c.email ? eq(orders.email, c.email) : undefined,
      c.orderExternalIds.length ? inArray(orders.externalId, c.orderExternalIds) : undefined,
    ].filter((x) => x !== undefined);
    return who.length ? and(eq(orders.shopId, shopId), or(...who)) : sql`false`;
  };

  return {
    async exportCustomer(shopId: number, c: CustomerRef) {
      const found = await db.select().from(orders).where(customerOrders(shopId, c));
      const lines = found.length
        ? await db.select().from(orderLines).where(and(eq(orderLines.shopId, shopId), inArray(orderLines.orderId, found.map((o) => o.id))))
        : [];
      return found.map((o) => ({
        order: o.name, externalId: o.externalId, placedAt: o.placedAt, email: o.email, shippingAddress: o.shippingAddress,
        lines: lines.filter((l) => l.orderId === o.id).map((l) => ({ sku: l.sku, title: l.title, quantity: l.quantity })),
      }));
    },

    /** Erases name, contact and street address; keeps country so statistics stay meaningful. */
    async redactCustomer(shopId: number, c: CustomerRef): Promise<number> {
      const rows = await db
        .update(orders)
        .set({ email: null, customerExternalId: null, shippingAddress: sql`jsonb_build_object('countryCode', ${orders.shippingAddress}->>'countryCode')`, zip: null, latitude: null, longitude: null, updatedAt: new Date() })
        .where(customerOrders(shopId, c))
        .returning({ id: orders.id });
      return rows.length;
    },

    async redactShop(shopId: number): Promise<number> {
      const rows = await db
        .update(orders)
        .set({ email: null, customerExternalId: null, shippingAddress: sql`jsonb_build_object('countryCode', ${orders.shippingAddress}->>'countryCode')`, zip: null, latitude: null, longitude: null, updatedAt: new Date() })
        .where(eq(orders.shopId, shopId))
        .returning({ id: orders.id });
      await db.delete(sessions).where(eq(sessions.shopId, shopId));
      return rows.length;
    },

    async record(shopId: number, entry: { topic: string; customerExternalId?: string | null; requestExternalId?: string | null; export?: unknown; summary: Record<string, number> }) {
      const [row] = await db.insert(complianceRecords).values({ shopId, ...entry }).returning({ id: complianceRecords.id });
      return row!.id;
    },

    async list(shopId: number) {
      return db.select({ id: complianceRecords.id, topic: complianceRecords.topic, customerExternalId: complianceRecords.customerExternalId, summary: complianceRecords.summary, createdAt: complianceRecords.createdAt })
        .from(complianceRecords).where(eq(complianceRecords.shopId, shopId)).orderBy(sql`${complianceRecords.createdAt} desc`);
    },

    async getExport(shopId: number, id: number) {
      const [row] = await db.select().from(complianceRecords).where(and(eq(complianceRecords.shopId, shopId), eq(complianceRecords.id, id)));
      return row;
    },
  };
}
