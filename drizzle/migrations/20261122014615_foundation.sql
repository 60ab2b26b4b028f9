CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"is_online" boolean DEFAULT false NOT NULL,
	"scope" text,
	"access_token_enc" text NOT NULL,
	"expires_at" timestamp with time zone,
	"refresh_token_enc" text,
	"refresh_token_expires_at" timestamp with time zone,
	"user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shops" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"domain" text NOT NULL,
	"name" text,
	"email" text,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"settings" jsonb DEFAULT '{"routeUnpaidOrders":false,"notifyCustomerFrom":"shopify","language":"en"}'::jsonb NOT NULL,
	"installed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"uninstalled_at" timestamp with time zone,
	"redacted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"event_id" text NOT NULL,
	"shop_domain" text NOT NULL,
	"shop_id" bigint,
	"topic" text NOT NULL,
	"webhook_id" text,
	"api_version" text,
	"triggered_at" timestamp with time zone,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"external_id" text NOT NULL,
	"sku" text,
	"variant_external_id" text,
	"title" text DEFAULT '' NOT NULL,
	"quantity" integer NOT NULL,
	"current_quantity" integer NOT NULL,
	"unit_price" numeric(14, 2) DEFAULT '0' NOT NULL,
	"requires_shipping" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"channel" text DEFAULT 'shopify' NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"financial_status" text,
	"email" text,
	"customer_external_id" text,
	"shipping_address" jsonb,
	"country_code" text,
	"zip" text,
	"latitude" double precision,
	"longitude" double precision,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"total_price" numeric(14, 2) DEFAULT '0' NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"source_updated_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"on_hold_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skus" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"sku" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"product_external_id" text,
	"variant_external_id" text,
	"inventory_item_external_id" text,
	"price" numeric(14, 2) DEFAULT '0' NOT NULL,
	"unit_cost" numeric(14, 2),
	"supplier" text,
	"pack_size" integer DEFAULT 1 NOT NULL,
	"moq" integer DEFAULT 1 NOT NULL,
	"lead_time_days" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_keys" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"warehouse_id" bigint NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warehouses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"location_external_id" text,
	"address" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"timezone" text DEFAULT 'Europe/Paris' NOT NULL,
	"cutoff_time" text DEFAULT '14:00' NOT NULL,
	"working_days" integer[] DEFAULT '{1,2,3,4,5}' NOT NULL,
	"holidays" text[] DEFAULT '{}' NOT NULL,
	"zones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"service_levels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"costs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"daily_capacity" integer,
	"priority" integer DEFAULT 100 NOT NULL,
	"dispatch_style" text DEFAULT 'feed' NOT NULL,
	"push_url" text,
	"push_secret_enc" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"warehouse_id" bigint NOT NULL,
	"sku_id" bigint NOT NULL,
	"delta" integer NOT NULL,
	"reason" text NOT NULL,
	"reference" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_levels" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"warehouse_id" bigint NOT NULL,
	"sku_id" bigint NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_levels_reserved_nonneg" CHECK ("stock_levels"."reserved" >= 0),
	CONSTRAINT "stock_levels_reserved_le_on_hand" CHECK ("stock_levels"."reserved" <= "stock_levels"."on_hand")
);
--> statement-breakpoint
CREATE TABLE "allocation_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"allocation_id" bigint NOT NULL,
	"order_line_id" bigint NOT NULL,
	"sku_id" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"shipped_quantity" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allocations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"warehouse_id" bigint NOT NULL,
	"status" text DEFAULT 'reserved' NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"trace" jsonb NOT NULL,
	"promised_ship_by" timestamp with time zone,
	"promised_delivery_by" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"reject_reason" text,
	"fulfillment_order_external_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipment_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"shipment_id" bigint NOT NULL,
	"allocation_line_id" bigint NOT NULL,
	"quantity" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"allocation_id" bigint NOT NULL,
	"idempotency_key" text NOT NULL,
	"carrier" text,
	"tracking_numbers" text[] DEFAULT '{}' NOT NULL,
	"tracking_urls" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'shipped' NOT NULL,
	"shipped_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"fulfillment_external_id" text,
	"push_status" text DEFAULT 'pending' NOT NULL,
	"push_result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_events" ADD CONSTRAINT "inbox_events_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skus" ADD CONSTRAINT "skus_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_keys" ADD CONSTRAINT "feed_keys_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_keys" ADD CONSTRAINT "feed_keys_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warehouses" ADD CONSTRAINT "warehouses_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_movements" ADD CONSTRAINT "inventory_movements_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_movements" ADD CONSTRAINT "inventory_movements_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_movements" ADD CONSTRAINT "inventory_movements_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_lines" ADD CONSTRAINT "allocation_lines_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_lines" ADD CONSTRAINT "allocation_lines_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_lines" ADD CONSTRAINT "allocation_lines_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_lines" ADD CONSTRAINT "allocation_lines_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_lines" ADD CONSTRAINT "shipment_lines_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_lines" ADD CONSTRAINT "shipment_lines_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_lines" ADD CONSTRAINT "shipment_lines_allocation_line_id_allocation_lines_id_fk" FOREIGN KEY ("allocation_line_id") REFERENCES "public"."allocation_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_shop_idx" ON "sessions" USING btree ("shop_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shops_domain_uq" ON "shops" USING btree ("domain");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_source_event_uq" ON "inbox_events" USING btree ("source","event_id");--> statement-breakpoint
CREATE INDEX "inbox_shop_idx" ON "inbox_events" USING btree ("shop_id");--> statement-breakpoint
CREATE INDEX "inbox_pending_idx" ON "inbox_events" USING btree ("status","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "order_lines_order_ext_uq" ON "order_lines" USING btree ("order_id","external_id");--> statement-breakpoint
CREATE INDEX "order_lines_shop_idx" ON "order_lines" USING btree ("shop_id");--> statement-breakpoint
CREATE INDEX "order_lines_shop_sku_idx" ON "order_lines" USING btree ("shop_id","sku");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_shop_channel_ext_uq" ON "orders" USING btree ("shop_id","channel","external_id");--> statement-breakpoint
CREATE INDEX "orders_shop_placed_idx" ON "orders" USING btree ("shop_id","placed_at","id");--> statement-breakpoint
CREATE INDEX "orders_shop_status_idx" ON "orders" USING btree ("shop_id","status");--> statement-breakpoint
CREATE INDEX "orders_shop_name_idx" ON "orders" USING btree ("shop_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "skus_shop_sku_uq" ON "skus" USING btree ("shop_id","sku");--> statement-breakpoint
CREATE INDEX "skus_shop_item_idx" ON "skus" USING btree ("shop_id","inventory_item_external_id");--> statement-breakpoint
CREATE INDEX "skus_shop_variant_idx" ON "skus" USING btree ("shop_id","variant_external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "feed_keys_prefix_uq" ON "feed_keys" USING btree ("prefix");--> statement-breakpoint
CREATE INDEX "feed_keys_shop_idx" ON "feed_keys" USING btree ("shop_id","warehouse_id");--> statement-breakpoint
CREATE UNIQUE INDEX "warehouses_shop_code_uq" ON "warehouses" USING btree ("shop_id","code");--> statement-breakpoint
CREATE INDEX "warehouses_shop_location_idx" ON "warehouses" USING btree ("shop_id","location_external_id");--> statement-breakpoint
CREATE INDEX "inventory_movements_shop_sku_idx" ON "inventory_movements" USING btree ("shop_id","sku_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_movements_ref_uq" ON "inventory_movements" USING btree ("warehouse_id","sku_id","reason","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_levels_wh_sku_uq" ON "stock_levels" USING btree ("warehouse_id","sku_id");--> statement-breakpoint
CREATE INDEX "stock_levels_shop_sku_idx" ON "stock_levels" USING btree ("shop_id","sku_id");--> statement-breakpoint
CREATE UNIQUE INDEX "allocation_lines_alloc_line_uq" ON "allocation_lines" USING btree ("allocation_id","order_line_id");--> statement-breakpoint
CREATE INDEX "allocation_lines_shop_idx" ON "allocation_lines" USING btree ("shop_id");--> statement-breakpoint
CREATE UNIQUE INDEX "allocations_order_attempt_wh_uq" ON "allocations" USING btree ("order_id","attempt","warehouse_id");--> statement-breakpoint
CREATE INDEX "allocations_shop_wh_status_idx" ON "allocations" USING btree ("shop_id","warehouse_id","status","id");--> statement-breakpoint
CREATE INDEX "allocations_shop_order_idx" ON "allocations" USING btree ("shop_id","order_id");--> statement-breakpoint
CREATE INDEX "shipment_lines_shop_idx" ON "shipment_lines" USING btree ("shop_id","shipment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_alloc_idem_uq" ON "shipments" USING btree ("allocation_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "shipments_shop_idx" ON "shipments" USING btree ("shop_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_shop_entity_idx" ON "audit_log" USING btree ("shop_id","entity","entity_id","created_at");