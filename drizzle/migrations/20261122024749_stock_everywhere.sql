CREATE TABLE "channel_stock_pushes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"sku_id" bigint NOT NULL,
	"warehouse_id" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"pushed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_daily" (
	"shop_id" bigint NOT NULL,
	"sku_id" bigint NOT NULL,
	"day" date NOT NULL,
	"units" integer NOT NULL,
	"revenue" numeric(14, 2) NOT NULL,
	CONSTRAINT "demand_daily_shop_id_sku_id_day_pk" PRIMARY KEY("shop_id","sku_id","day")
);
--> statement-breakpoint
CREATE TABLE "replenishment_snapshot" (
	"shop_id" bigint NOT NULL,
	"sku_id" bigint NOT NULL,
	"as_of" date NOT NULL,
	"window_days" integer NOT NULL,
	"mean_daily" double precision NOT NULL,
	"std_daily" double precision NOT NULL,
	"z" double precision NOT NULL,
	"lead_time_days" double precision NOT NULL,
	"lead_time_std_days" double precision,
	"safety_stock" double precision NOT NULL,
	"reorder_point" double precision NOT NULL,
	"eoq_raw" double precision,
	"eoq" integer NOT NULL,
	"available" integer NOT NULL,
	"backorders" integer NOT NULL,
	"days_of_cover" double precision,
	"projected_stockout" date,
	"revenue_at_risk_per_day" double precision NOT NULL,
	"suggested_order_quantity" integer NOT NULL,
	"abc_class" text DEFAULT 'C' NOT NULL,
	"revenue" double precision NOT NULL,
	"last_sale" date,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "replenishment_snapshot_shop_id_sku_id_pk" PRIMARY KEY("shop_id","sku_id")
);
--> statement-breakpoint
CREATE TABLE "stock_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"sku_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"message" text NOT NULL,
	"formula" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"snoozed_until" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_dirty" (
	"shop_id" bigint NOT NULL,
	"sku_id" bigint NOT NULL,
	"purpose" text NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_dirty_shop_id_sku_id_purpose_pk" PRIMARY KEY("shop_id","sku_id","purpose")
);
--> statement-breakpoint
CREATE TABLE "stock_settings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"settings" jsonb NOT NULL,
	"measured_lag" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "lead_time_std_days" double precision;--> statement-breakpoint
ALTER TABLE "channel_stock_pushes" ADD CONSTRAINT "channel_stock_pushes_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_stock_pushes" ADD CONSTRAINT "channel_stock_pushes_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_stock_pushes" ADD CONSTRAINT "channel_stock_pushes_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_daily" ADD CONSTRAINT "demand_daily_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_daily" ADD CONSTRAINT "demand_daily_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replenishment_snapshot" ADD CONSTRAINT "replenishment_snapshot_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replenishment_snapshot" ADD CONSTRAINT "replenishment_snapshot_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_alerts" ADD CONSTRAINT "stock_alerts_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_alerts" ADD CONSTRAINT "stock_alerts_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_dirty" ADD CONSTRAINT "stock_dirty_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_dirty" ADD CONSTRAINT "stock_dirty_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_settings" ADD CONSTRAINT "stock_settings_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "channel_stock_pushes_uq" ON "channel_stock_pushes" USING btree ("shop_id","channel","sku_id","warehouse_id");--> statement-breakpoint
CREATE INDEX "demand_daily_shop_day_idx" ON "demand_daily" USING btree ("shop_id","day");--> statement-breakpoint
CREATE INDEX "stock_alerts_shop_status_idx" ON "stock_alerts" USING btree ("shop_id","status","kind");--> statement-breakpoint
CREATE INDEX "stock_alerts_sku_idx" ON "stock_alerts" USING btree ("shop_id","sku_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_settings_shop_uq" ON "stock_settings" USING btree ("shop_id");