import { and, eq, inArray, or, sql } from 'drizzle-orm';
import {
  complianceRecords,
  emailOutbox,
  inboxEvents,
  orderLines,
  orders,
  returns,
  sessions,
  shops,
} from '../../drizzle/schema/index.js';
import type { DbOrTx } from './client.js';
import { forgetShop } from './shops-repo.js';

export interface CustomerRef {
  externalId: string | null;
  email: string | null;
  orderExternalIds: string[];
}

const erasedOrder = {
  email: null,
  customerExternalId: null,
  shippingAddress: sql`jsonb_build_object('countryCode', ${orders.shippingAddress}->>'countryCode')`,
  zip: null,
  latitude: null,
  longitude: null,
  updatedAt: sql`now()`,
};
/** The event stays (its id keeps a redelivery out); its body goes. One not applied yet never will be. */
/** an e-mail keeps its kind and outcome; who it went to and what it said go, and an unsent one is never sent */
const erasedEmail = {
  toAddress: null,
  subject: null,
  data: {},
  smtpResponse: null,
  status: sql`case when ${emailOutbox.status} in ('pending', 'sending', 'parked') then 'skipped' else ${emailOutbox.status} end`,
  lastError: sql`case when ${emailOutbox.status} in ('pending', 'sending', 'parked') then 'erased by a privacy request before it was sent' else ${emailOutbox.lastError} end`,
  updatedAt: sql`now()`,
};

const erasedEvent = {
  body: '{"redacted":true}',
  status: sql`case when ${inboxEvents.status} = 'processed' then 'processed' else 'dead' end`,
  lastError: sql`case when ${inboxEvents.status} = 'processed' then ${inboxEvents.lastError} else 'erased by a privacy request before it was applied' end`,
};
const ofShop = (shopId: number) =>
  or(
    eq(inboxEvents.shopId, shopId),
    eq(inboxEvents.shopDomain, sql`(select ${shops.domain} from ${shops} where ${shops.id} = ${shopId})`),
  );

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
        ? await db
            .select()
            .from(orderLines)
            .where(
              and(
                eq(orderLines.shopId, shopId),
                inArray(
                  orderLines.orderId,
                  found.map((o) => o.id),
                ),
              ),
            )
        : [];
      return found.map((o) => ({
        order: o.name,
        externalId: o.externalId,
        placedAt: o.placedAt,
        email: o.email,
        shippingAddress: o.shippingAddress,
        lines: lines
          .filter((l) => l.orderId === o.id)
          .map((l) => ({ sku: l.sku, title: l.title, quantity: l.quantity })),
      }));
    },

    /**
     * Erases name, contact and street address from the customer's orders (country stays, so
     * statistics keep their meaning) and from every other copy: raw webhook bodies, earlier
     * data-request exports, return payloads.
     */
    async redactCustomer(shopId: number, c: CustomerRef): Promise<number> {
      const rows = await db
        .update(orders)
        .set(erasedOrder)
        .where(customerOrders(shopId, c))
        .returning({ id: orders.id, externalId: orders.externalId });
      const orderIds = [...new Set([...c.orderExternalIds, ...rows.map((r) => r.externalId)])];
      // a raw body mentions the customer by email, customer gid or one of the orders' gids (always followed by its closing quote)
      const needles = [
        c.email?.toLowerCase(),
        c.externalId ? `${c.externalId}"` : undefined,
        ...orderIds.map((id) => `${id}"`),
      ]
        .filter((n): n is string => !!n)
        .map((n) => n.toLowerCase());
      if (needles.length) {
        await db
          .update(inboxEvents)
          .set(erasedEvent)
          .where(and(ofShop(shopId), or(...needles.map((n) => sql`position(${n} in lower(${inboxEvents.body})) > 0`))));
      }
      await db
        .update(complianceRecords)
        .set({ export: null })
        .where(
          and(
            eq(complianceRecords.shopId, shopId),
            or(
              c.externalId ? eq(complianceRecords.customerExternalId, c.externalId) : undefined,
              c.email
                ? sql`position(${c.email.toLowerCase()} in lower(${complianceRecords.export}::text)) > 0`
                : undefined,
            ) ?? sql`false`,
          ),
        );
      if (orderIds.length)
        await db
          .update(returns)
          .set({ data: null, updatedAt: new Date() })
          .where(and(eq(returns.shopId, shopId), inArray(returns.orderExternalId, orderIds)));
      const erasedOrderIds = rows.map((r) => r.id);
      await db
        .update(emailOutbox)
        .set(erasedEmail)
        .where(
          and(
            eq(emailOutbox.shopId, shopId),
            or(
              erasedOrderIds.length ? inArray(emailOutbox.orderId, erasedOrderIds) : undefined,
              c.email ? sql`lower(${emailOutbox.toAddress}) = ${c.email.toLowerCase()}` : undefined,
            ) ?? sql`false`,
          ),
        );
      return rows.length;
    },

    /** shop/redact: every customer of the shop, every raw body, every export, and the shop's own contact. */
    async redactShop(shopId: number): Promise<number> {
      const rows = await db
        .update(orders)
        .set(erasedOrder)
        .where(eq(orders.shopId, shopId))
        .returning({ id: orders.id });
      await db.update(inboxEvents).set(erasedEvent).where(ofShop(shopId));
      await db.update(complianceRecords).set({ export: null }).where(eq(complianceRecords.shopId, shopId));
      await db.update(returns).set({ data: null, updatedAt: new Date() }).where(eq(returns.shopId, shopId));
      await db.update(emailOutbox).set(erasedEmail).where(eq(emailOutbox.shopId, shopId));
      await db.update(shops).set({ email: null, updatedAt: new Date() }).where(eq(shops.id, shopId));
      forgetShop(shopId);
      await db.delete(sessions).where(eq(sessions.shopId, shopId));
      return rows.length;
    },

    async record(
      shopId: number,
      entry: {
        topic: string;
        customerExternalId?: string | null;
        requestExternalId?: string | null;
        export?: unknown;
        summary: Record<string, number>;
      },
    ) {
      const [row] = await db
        .insert(complianceRecords)
        .values({ shopId, ...entry })
        .returning({ id: complianceRecords.id });
      return row!.id;
    },

    async list(shopId: number) {
      return db
        .select({
          id: complianceRecords.id,
          topic: complianceRecords.topic,
          customerExternalId: complianceRecords.customerExternalId,
          summary: complianceRecords.summary,
          createdAt: complianceRecords.createdAt,
        })
        .from(complianceRecords)
        .where(eq(complianceRecords.shopId, shopId))
        .orderBy(sql`${complianceRecords.createdAt} desc`);
    },

    async getExport(shopId: number, id: number) {
      const [row] = await db
        .select()
        .from(complianceRecords)
        .where(and(eq(complianceRecords.shopId, shopId), eq(complianceRecords.id, id)));
      return row;
    },
  };
}
