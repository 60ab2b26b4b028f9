CREATE TABLE "return_policies" (
	"shop_id" bigint PRIMARY KEY NOT NULL,
	"policy" jsonb NOT NULL,
	"last_rma" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_receipts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"warehouse_id" bigint NOT NULL,
	"return_id" bigint NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "return_lines" ALTER COLUMN "external_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "returns" ALTER COLUMN "external_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD COLUMN "damaged" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "order_line_id" bigint;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "fulfillment_line_external_id" text;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "rfo_line_external_id" text;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "unit_price" numeric(14, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "customer_note" text;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "received_quantity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "grades" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "photo_urls" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "disposed_quantity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "order_id" bigint;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "rma" text;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "source" text DEFAULT 'shopify' NOT NULL;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "state" text DEFAULT 'requested' NOT NULL;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "decision" text;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "warehouse_id" bigint;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "decline_reason" text;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "decline_note" text;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "label_url" text;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "tracking_number" text;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "tracking_url" text;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "reverse_delivery_external_id" text;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "refund_amount" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "refund_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "cost" numeric(14, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "sync_error" text;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "requested_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "declined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "in_transit_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "graded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "refunded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "return_policies" ADD CONSTRAINT "return_policies_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_receipts" ADD CONSTRAINT "return_receipts_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_receipts" ADD CONSTRAINT "return_receipts_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_receipts" ADD CONSTRAINT "return_receipts_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "return_receipts_key_uq" ON "return_receipts" USING btree ("warehouse_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "return_receipts_shop_idx" ON "return_receipts" USING btree ("shop_id","return_id");--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "returns_shop_rma_uq" ON "returns" USING btree ("shop_id","rma");--> statement-breakpoint
CREATE INDEX "returns_shop_state_idx" ON "returns" USING btree ("shop_id","state","requested_at");--> statement-breakpoint
CREATE INDEX "returns_shop_warehouse_idx" ON "returns" USING btree ("shop_id","warehouse_id","state");--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_damaged_nonneg" CHECK ("stock_levels"."damaged" >= 0);--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_received_le_quantity" CHECK ("return_lines"."received_quantity" <= "return_lines"."quantity");