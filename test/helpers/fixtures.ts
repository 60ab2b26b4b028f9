import type { Db } from '../../core/db/client.js';
import { createCatalogRepo } from '../../core/db/catalog-repo.js';
import { createOrdersRepo } from '../../core/db/orders-repo.js';
import { createShopsRepo, type Shop } from '../../core/db/shops-repo.js';
import { createStockRepo } from '../../core/db/stock-repo.js';
import { createWarehousesRepo, type NewWarehouse, type WarehouseRow } from '../../core/db/warehouses-repo.js';
import type { IncomingOrder } from '../../core/domain/orders/incoming-order.js';

let seq = 0;

export async function seedShop(
  db: Db,
  domain = `shop-${++seq}.myshopify.com`,
  settings: Partial<Shop['settings']> = {},
): Promise<Shop> {
  const repo = createShopsRepo(db);
  const shop = await repo.activate(domain, { currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris' });
  return Object.keys(settings).length ? repo.updateSettings(shop.id, settings) : shop;
}

/** A warehouse that serves France and Belgium every day until 23:59, unless overridden. */
export async function seedWarehouse(db: Db, shopId: number, w: Partial<NewWarehouse> = {}): Promise<WarehouseRow> {
  const n = ++seq;
  return createWarehousesRepo(db).create(shopId, {
    name: w.name ?? `Entrepôt ${n}`,
    code: w.code ?? `WH${n}`,
    address: { city: 'Paris', countryCode: 'FR' },
    countryCode: 'FR',
    latitude: 48.86,
    longitude: 2.35,
    timezone: 'Europe/Paris',
    cutoffTime: '23:59',
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    holidays: [],
    zones: [
      { code: 'FR', countries: ['FR'] },
      { code: 'BE', countries: ['BE'] },
    ],
    serviceLevels: [{ code: 'standard', name: 'Standard', transitDays: { FR: 2, BE: 3 } }],
    costs: { FR: 5, BE: 8 },
    priority: 100,
    ...w,
  });
}

export async function seedSku(db: Db, shopId: number, sku: string, price = '20.00'): Promise<number> {
  await createCatalogRepo(db).upsertSkus(shopId, [
    {
      sku,
      title: sku,
      productExternalId: null,
      variantExternalId: `gid://shopify/ProductVariant/${sku}`,
      inventoryItemExternalId: `gid://shopify/InventoryItem/${sku}`,
      price,
      unitCost: null,
      supplier: 'Fournisseur',
    },
  ]);
  return (await createCatalogRepo(db).skuBySku(shopId, sku))!.id;
}

export async function receive(
  db: Db,
  shopId: number,
  warehouseId: number,
  skuId: number,
  quantity: number,
  reference = `seed-${++seq}`,
): Promise<void> {
  await createStockRepo(db).applyMovement(shopId, {
    warehouseId,
    skuId,
    delta: quantity,
    reason: 'received',
    reference,
  });
}

export interface OrderSeed {
  id?: number;
  lines: { sku: string; quantity: number; price?: string }[];
  country?: string;
  zip?: string;
  financialStatus?: string;
  placedAt?: Date;
  channel?: string;
}

export async function seedOrder(db: Db, shopId: number, o: OrderSeed): Promise<number> {
  const id = o.id ?? 100000 + ++seq;
  const placedAt = o.placedAt ?? new Date();
  const incoming: IncomingOrder = {
    channel: o.channel ?? 'shopify',
    externalId: `gid://shopify/Order/${id}`,
    name: `#${id}`,
    email: 'client@example.fr',
    customerExternalId: null,
    financialStatus: o.financialStatus ?? 'PAID',
    currency: 'EUR',
    totalPrice: '0',
    tags: [],
    shippingAddress: {
      name: 'Client',
      address1: '1 rue Test',
      city: 'Paris',
      zip: o.zip ?? '75001',
      countryCode: o.country ?? 'FR',
      latitude: 48.86,
      longitude: 2.35,
    },
    placedAt,
    updatedAt: placedAt,
    cancelledAt: null,
    fulfilled: false,
    lines: o.lines.map((l, i) => ({
      externalId: `gid://shopify/LineItem/${id}${i}`,
      sku: l.sku,
      variantExternalId: `gid://shopify/ProductVariant/${l.sku}`,
      title: l.sku,
      quantity: l.quantity,
      currentQuantity: l.quantity,
      unitPrice: l.price ?? '20.00',
      requiresShipping: true,
    })),
  };
  return (await createOrdersRepo(db).upsertIncoming(shopId, incoming)).orderId;
}
