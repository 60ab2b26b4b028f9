import { createPrivacyRepo, type CustomerRef } from '../../db/privacy-repo.js';
import { createShopsRepo } from '../../db/shops-repo.js';
import { gid, restCompliancePayloadSchema } from '../../integrations/shopify/rest-payloads.js';
import type { TopicHandler } from './types.js';

function customerRef(p: ReturnType<typeof restCompliancePayloadSchema.parse>, orderIds: string[]): CustomerRef {
  return {
    externalId: p.customer?.id ? gid('Customer', p.customer.id) : null,
    email: p.customer?.email ?? null,
    orderExternalIds: orderIds.map((id) => gid('Order', id)),
  };
}

/** customers/data_request: export what we hold about the customer, kept for the merchant to download. */
export const ingestDataRequest: TopicHandler = async (tx, shop, payload) => {
  const p = restCompliancePayloadSchema.parse(payload);
  const repo = createPrivacyRepo(tx);
  const data = await repo.exportCustomer(shop.id, customerRef(p, p.orders_requested ?? []));
  await repo.record(shop.id, {
    topic: 'customers/data_request',
    customerExternalId: p.customer?.id ? gid('Customer', p.customer.id) : null,
    requestExternalId: p.data_request?.id ?? null,
    export: data,
    summary: { orders: data.length },
  });
  return { outcome: `exported ${data.length} orders` };
};

/** customers/redact: erase the customer's personal data and record that we did. */
export const ingestCustomerRedact: TopicHandler = async (tx, shop, payload) => {
  const p = restCompliancePayloadSchema.parse(payload);
  const repo = createPrivacyRepo(tx);
  const n = await repo.redactCustomer(shop.id, customerRef(p, p.orders_to_redact ?? []));
  await repo.record(shop.id, {
    topic: 'customers/redact',
    customerExternalId: p.customer?.id ? gid('Customer', p.customer.id) : null,
    summary: { ordersRedacted: n },
  });
  return { outcome: `redacted ${n} orders` };
};

/** shop/redact (48 h after uninstall): erase every personal field the shop's data holds. */
export const ingestShopRedact: TopicHandler = async (tx, shop) => {
  const repo = createPrivacyRepo(tx);
  const n = await repo.redactShop(shop.id);
  await repo.record(shop.id, { topic: 'shop/redact', summary: { ordersRedacted: n } });
  await createShopsRepo(tx).uninstall(shop.id, new Date());
  return { outcome: `redacted ${n} orders`, feedAccessChanged: true };
};
