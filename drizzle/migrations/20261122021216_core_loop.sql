CREATE TABLE "backorders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"order_line_id" bigint NOT NULL,
	"sku" text NOT NULL,
	"quantity" integer NOT NULL,
	"outcome" text NOT NULL,
	"cancel_at" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"allocation_id" bigint NOT NULL,
	"kind" text DEFAULT 'dispatch' NOT NULL,
	"attempt" integer NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"shipment_id" bigint NOT NULL,
	"status" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"description" text,
	"location" text,
	"push_status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"rules" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "warehouses" ADD COLUMN "fulfillment_service_external_id" text;--> statement-breakpoint
ALTER TABLE "warehouses" ADD COLUMN "country_code" text;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "ship_date" text;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "service_level" text;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "cost" numeric(12, 2);--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "distance_km" double precision;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "location_external_id" text;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "idempotency_key" text NOT NULL;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "dispatch_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "dispatch_error" text;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "lease_token" text;--> statement-breakpoint
ALTER TABLE "backorders" ADD CONSTRAINT "backorders_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backorders" ADD CONSTRAINT "backorders_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backorders" ADD CONSTRAINT "backorders_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_attempts" ADD CONSTRAINT "dispatch_attempts_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_attempts" ADD CONSTRAINT "dispatch_attempts_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_events" ADD CONSTRAINT "tracking_events_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_events" ADD CONSTRAINT "tracking_events_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "backorders_line_uq" ON "backorders" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "backorders_shop_sku_idx" ON "backorders" USING btree ("shop_id","sku","status");--> statement-breakpoint
CREATE INDEX "dispatch_attempts_shop_alloc_idx" ON "dispatch_attempts" USING btree ("shop_id","allocation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_events_uq" ON "tracking_events" USING btree ("shipment_id","status","occurred_at");--> statement-breakpoint
CREATE INDEX "tracking_events_shop_idx" ON "tracking_events" USING btree ("shop_id","shipment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "routing_rules_shop_uq" ON "routing_rules" USING btree ("shop_id");--> statement-breakpoint
CREATE INDEX "allocations_wh_ship_date_idx" ON "allocations" USING btree ("warehouse_id","ship_date");--> statement-breakpoint
CREATE UNIQUE INDEX "allocations_idem_uq" ON "allocations" USING btree ("idempotency_key");