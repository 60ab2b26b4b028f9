import { z } from 'zod';

/**
 * The parts of Shopify's REST webhook payloads that the app reads. Ids are strings or numbers
 * (big ones arrive as strings from parseJsonKeepingBigInts); unknown keys are ignored.
 */
const idLike = z.union([z.string(), z.number()]).transform(String);
const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const money = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v == null ? '0' : String(v)));
const coordinate = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => (v == null || v === '' ? null : Number(v)));

export const restAddressSchema = z.object({
  first_name: nullableString,
  last_name: nullableString,
  name: nullableString,
  company: nullableString,
  address1: nullableString,
  address2: nullableString,
  city: nullableString,
  province: nullableString,
  zip: nullableString,
  country_code: nullableString,
  phone: nullableString,
  latitude: coordinate,
  longitude: coordinate,
});

export const restLineItemSchema = z.object({
  id: idLike,
  admin_graphql_api_id: z.string().optional(),
  sku: nullableString,
  variant_id: idLike.nullish(),
  title: z.string().nullish(),
  name: z.string().nullish(),
  quantity: z.number().int().nonnegative(),
  current_quantity: z.number().int().nonnegative().nullish(),
  price: money,
  requires_shipping: z.boolean().nullish(),
});

export const restOrderSchema = z.object({
  id: idLike,
  admin_graphql_api_id: z.string().optional(),
  name: z.string(),
  email: nullableString,
  customer: z.object({ id: idLike, admin_graphql_api_id: z.string().optional() }).nullish(),
  financial_status: nullableString,
  fulfillment_status: nullableString,
  customer_locale: nullableString.optional(),
  currency: z.string().nullish(),
  total_price: money,
  tags: z.string().nullish(),
  created_at: z.string(),
  processed_at: z.string().nullish(),
  updated_at: z.string(),
  cancelled_at: z.string().nullish(),
  shipping_address: restAddressSchema.nullish(),
  shipping_lines: z
    .array(z.object({ code: nullableString, title: nullableString, is_removed: z.boolean().nullish() }))
    .nullish(),
  note_attributes: z
    .array(
      z.object({
        name: z.string(),
        value: z
          .union([z.string(), z.number(), z.boolean()])
          .nullish()
          .transform((v) => (v == null ? null : String(v))),
      }),
    )
    .nullish(),
  line_items: z.array(restLineItemSchema),
});
export type RestOrder = z.infer<typeof restOrderSchema>;

export const restFulfillmentOrderRefSchema = z.object({
  id: z.string(),
  status: z.string().nullish(),
  request_status: z.string().nullish(),
  assigned_location_id: idLike.nullish(),
});

export const restInventoryLevelSchema = z.object({
  inventory_item_id: idLike,
  location_id: idLike,
  available: z.number().int().nullish(),
  updated_at: z.string(),
});

export const restLocationSchema = z.object({
  id: idLike,
  admin_graphql_api_id: z.string().optional(),
  name: z.string(),
  address1: nullableString,
  address2: nullableString,
  city: nullableString,
  zip: nullableString,
  province_code: nullableString,
  country_code: nullableString,
  active: z.boolean().nullish(),
  updated_at: z.string().nullish(),
});

export const restReturnSchema = z.object({
  id: idLike,
  admin_graphql_api_id: z.string().optional(),
  name: z.string().nullish(),
  status: z.string(),
  order: z.object({ id: idLike, admin_graphql_api_id: z.string().optional() }).nullish(),
  order_id: idLike.nullish(),
  total_return_line_items: z.number().int().nullish(),
  return_line_items: z
    .array(
      z
        .object({
          id: idLike,
          admin_graphql_api_id: z.string().optional(),
          quantity: z.number().int(),
          return_reason: nullableString,
          fulfillment_line_item: z
            .object({ line_item: z.object({ id: idLike, sku: nullableString }).partial().nullish() })
            .partial()
            .nullish(),
        })
        .partial()
        .extend({ id: idLike, quantity: z.number().int() }),
    )
    .nullish(),
});

export const restCompliancePayloadSchema = z.object({
  shop_id: idLike.nullish(),
  shop_domain: z.string().nullish(),
  customer: z.object({ id: idLike.nullish(), email: nullableString, phone: nullableString }).nullish(),
  orders_requested: z.array(idLike).nullish(),
  orders_to_redact: z.array(idLike).nullish(),
  data_request: z.object({ id: idLike }).nullish(),
});

export const restBulkFinishSchema = z.object({
  admin_graphql_api_id: z.string(),
  status: z.string(),
  error_code: nullableString,
});

/** products/create, products/update: the product and the variants the catalogue keeps. */
export const restProductSchema = z.object({
  id: idLike,
  admin_graphql_api_id: z.string().optional(),
  title: z.string(),
  vendor: nullableString,
  updated_at: z.string(),
  variants: z
    .array(
      z.object({
        id: idLike,
        admin_graphql_api_id: z.string().optional(),
        title: z.string().nullish(),
        sku: nullableString,
        price: money,
        inventory_item_id: idLike.nullish(),
      }),
    )
    .default([]),
});
export type RestProduct = z.infer<typeof restProductSchema>;

/** products/delete and inventory_items/delete carry the id (and the gid for items). */
export const restDeletedSchema = z.object({ id: idLike, admin_graphql_api_id: z.string().optional() });

/** inventory_items/create, inventory_items/update: the item's SKU and cost. */
export const restInventoryItemSchema = z.object({
  id: idLike,
  admin_graphql_api_id: z.string().optional(),
  sku: nullableString,
  cost: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v == null || v === '' ? null : String(v))),
  updated_at: z.string().nullish(),
});

export const gid = (type: string, id: string) => (id.startsWith('gid://') ? id : `gid://shopify/${type}/${id}`);

/** refunds/create: the refund, the return it settled (if any) and its money movements. */
export const restRefundSchema = z.object({
  id: idLike,
  admin_graphql_api_id: z.string().optional(),
  order_id: idLike.nullish(),
  return: z.object({ id: idLike, admin_graphql_api_id: z.string().optional() }).nullish(),
  transactions: z
    .array(
      z
        .object({ kind: z.string(), status: z.string(), amount: z.string(), currency: nullableString.optional() })
        .partial()
        .extend({ kind: z.string(), amount: z.string() }),
    )
    .nullish(),
});

/** reverse_fulfillment_orders/dispose: the dispositions just made, per reverse fulfillment order line. */
export const restDisposeSchema = z.object({
  id: idLike,
  admin_graphql_api_id: z.string().optional(),
  dispositions: z.array(
    z.object({
      reverse_fulfillment_order_line_item: z.object({ id: idLike, admin_graphql_api_id: z.string().optional() }),
      type: z.string(),
      quantity: z.number().int(),
    }),
  ),
});
