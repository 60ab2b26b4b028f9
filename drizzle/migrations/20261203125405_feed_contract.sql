CREATE TABLE "feed_idempotency_keys" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"warehouse_id" bigint NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"warehouse_id" bigint NOT NULL,
	"subscription_id" bigint NOT NULL,
	"message_id" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_webhook_subscriptions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"warehouse_id" bigint NOT NULL,
	"url" text NOT NULL,
	"secret_enc" text NOT NULL,
	"events" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feed_idempotency_keys" ADD CONSTRAINT "feed_idempotency_keys_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_idempotency_keys" ADD CONSTRAINT "feed_idempotency_keys_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_webhook_deliveries" ADD CONSTRAINT "feed_webhook_deliveries_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_webhook_deliveries" ADD CONSTRAINT "feed_webhook_deliveries_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_webhook_deliveries" ADD CONSTRAINT "feed_webhook_deliveries_subscription_id_feed_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."feed_webhook_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_webhook_subscriptions" ADD CONSTRAINT "feed_webhook_subscriptions_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_webhook_subscriptions" ADD CONSTRAINT "feed_webhook_subscriptions_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feed_idempotency_keys_uq" ON "feed_idempotency_keys" USING btree ("shop_id","warehouse_id","scope","key");--> statement-breakpoint
CREATE INDEX "feed_idempotency_keys_created_idx" ON "feed_idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feed_webhook_deliveries_msg_uq" ON "feed_webhook_deliveries" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "feed_webhook_deliveries_due_idx" ON "feed_webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "feed_webhook_deliveries_shop_idx" ON "feed_webhook_deliveries" USING btree ("shop_id","warehouse_id");--> statement-breakpoint
CREATE UNIQUE INDEX "feed_webhook_subscriptions_wh_uq" ON "feed_webhook_subscriptions" USING btree ("warehouse_id");--> statement-breakpoint
CREATE INDEX "feed_webhook_subscriptions_shop_idx" ON "feed_webhook_subscriptions" USING btree ("shop_id");