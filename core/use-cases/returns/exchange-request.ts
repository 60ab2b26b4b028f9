import { createCatalogRepo } from '../../db/catalog-repo.js';
import type { DbOrTx } from '../../db/client.js';
import type { OrderRow } from '../../db/orders-repo.js';
import type { NewReturnLine } from '../../db/returns-repo.js';
import { ValidationError } from '../../errors.js';

type ExchangeColumns = Pick<
  NewReturnLine,
  'exchangeSku' | 'exchangeVariantExternalId' | 'exchangeTitle' | 'exchangeQuantity'
>;

/**
 * The exchange each return line asks for, checked: a SKU of the shop's catalog that Shopify
 * knows (the exchange is a variant added to the order in Shopify), no more units than go back.
 * Only Shopify orders take exchanges: a marketplace has its own exchange flow and buyer contact.
 */
export async function exchangeSkus(
  db: DbOrTx,
  order: OrderRow,
  wanted: Map<number, { quantity: number; exchange: { sku: string; quantity: number } | null }>,
): Promise<Map<number, ExchangeColumns>> {
  const out = new Map<number, ExchangeColumns>();
  const problems: string[] = [];
  const catalog = createCatalogRepo(db);
  for (const [orderLineId, w] of wanted) {
    if (!w.exchange || w.exchange.quantity <= 0) continue;
    if (order.channel !== 'shopify') {
      problems.push(`line ${orderLineId}: exchanges are only offered on Shopify orders`);
      continue;
    }
    if (w.exchange.quantity > w.quantity) {
      problems.push(`line ${orderLineId}: ${w.exchange.quantity} units exchanged but ${w.quantity} returned`);
      continue;
    }
    const sku = await catalog.skuBySku(order.shopId, w.exchange.sku);
    if (!sku?.variantExternalId) {
      problems.push(`line ${orderLineId}: SKU ${w.exchange.sku} is not a Shopify variant of the shop`);
      continue;
    }
    out.set(orderLineId, {
      exchangeSku: sku.sku,
      exchangeVariantExternalId: sku.variantExternalId,
      exchangeTitle: sku.title || sku.sku,
      exchangeQuantity: w.exchange.quantity,
    });
  }
  if (problems.length) throw new ValidationError('the exchange cannot be offered', problems, 'bad_exchange', 422);
  return out;
}
