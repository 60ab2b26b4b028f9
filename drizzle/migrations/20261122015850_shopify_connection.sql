CREATE TABLE "fulfillment_orders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"external_id" text NOT NULL,
	"order_external_id" text,
	"status" text NOT NULL,
	"request_status" text,
	"location_external_id" text,
	"lines" jsonb,
	"source_updated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shopify_inventory_levels" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"inventory_item_external_id" text NOT NULL,
	"location_external_id" text NOT NULL,
	"available" integer,
	"on_hand" integer,
	"source_updated_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shopify_locations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"address" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"active" boolean DEFAULT true NOT NULL,
	"is_fulfillment_service" boolean DEFAULT false NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"source_updated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"return_id" bigint NOT NULL,
	"external_id" text NOT NULL,
	"line_item_external_id" text,
	"sku" text,
	"quantity" integer NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "returns" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"channel" text DEFAULT 'shopify' NOT NULL,
	"external_id" text NOT NULL,
	"order_external_id" text,
	"name" text,
	"status" text NOT NULL,
	"total_quantity" integer DEFAULT 0 NOT NULL,
	"data" jsonb,
	"source_updated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"topic" text NOT NULL,
	"customer_external_id" text,
	"request_external_id" text,
	"export" jsonb,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"stage" text DEFAULT 'locations' NOT NULL,
	"bulk_operation_id" text,
	"percent" integer DEFAULT 0 NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reconcile_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"cursor_from" timestamp with time zone,
	"cursor_to" timestamp with time zone,
	"checked" integer DEFAULT 0 NOT NULL,
	"repaired" integer DEFAULT 0 NOT NULL,
	"details" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "shops" ADD COLUMN "reconcile_cursor" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fulfillment_orders" ADD CONSTRAINT "fulfillment_orders_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shopify_inventory_levels" ADD CONSTRAINT "shopify_inventory_levels_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shopify_locations" ADD CONSTRAINT "shopify_locations_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_records" ADD CONSTRAINT "compliance_records_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconcile_runs" ADD CONSTRAINT "reconcile_runs_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fulfillment_orders_shop_ext_uq" ON "fulfillment_orders" USING btree ("shop_id","external_id");--> statement-breakpoint
CREATE INDEX "fulfillment_orders_shop_order_idx" ON "fulfillment_orders" USING btree ("shop_id","order_external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shopify_inventory_levels_uq" ON "shopify_inventory_levels" USING btree ("shop_id","inventory_item_external_id","location_external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shopify_locations_shop_ext_uq" ON "shopify_locations" USING btree ("shop_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "return_lines_return_ext_uq" ON "return_lines" USING btree ("return_id","external_id");--> statement-breakpoint
CREATE INDEX "return_lines_shop_idx" ON "return_lines" USING btree ("shop_id");--> statement-breakpoint
CREATE UNIQUE INDEX "returns_shop_channel_ext_uq" ON "returns" USING btree ("shop_id","channel","external_id");--> statement-breakpoint
CREATE INDEX "returns_shop_order_idx" ON "returns" USING btree ("shop_id","order_external_id");--> statement-breakpoint
CREATE INDEX "compliance_records_shop_idx" ON "compliance_records" USING btree ("shop_id","created_at");--> statement-breakpoint
CREATE INDEX "imports_shop_idx" ON "imports" USING btree ("shop_id","created_at");--> statement-breakpoint
CREATE INDEX "reconcile_runs_shop_idx" ON "reconcile_runs" USING btree ("shop_id","started_at");--> statement-breakpoint
DO $$ BEGIN ALTER TABLE "inbox_events" ALTER COLUMN "body" SET COMPRESSION lz4; EXCEPTION WHEN others THEN NULL; END $$;
