ALTER TABLE "orders" ADD COLUMN "channel_order_external_id" text;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "exchange_sku" text;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "exchange_variant_external_id" text;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "exchange_title" text;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "exchange_quantity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "return_lines" ADD COLUMN "exchange_external_id" text;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "exchange_order_id" bigint;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_exchange_order_id_orders_id_fk" FOREIGN KEY ("exchange_order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_shop_channel_order_idx" ON "orders" USING btree ("shop_id","channel_order_external_id") WHERE "orders"."channel_order_external_id" is not null;--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_exchange_le_quantity" CHECK ("return_lines"."exchange_quantity" >= 0 and "return_lines"."exchange_quantity" <= "return_lines"."quantity");