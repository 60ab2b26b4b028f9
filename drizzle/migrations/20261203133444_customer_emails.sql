CREATE TABLE "email_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"order_id" bigint,
	"shipment_id" bigint,
	"subject_key" text NOT NULL,
	"kind" text NOT NULL,
	"sender" text DEFAULT 'app' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"to_address" text,
	"locale" text DEFAULT 'en' NOT NULL,
	"data" jsonb NOT NULL,
	"subject" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"lease_until" timestamp with time zone,
	"message_id" text,
	"smtp_response" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipment_delays" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"shipment_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_pages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"token" text NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "customer_locale" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_delays" ADD CONSTRAINT "shipment_delays_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_delays" ADD CONSTRAINT "shipment_delays_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_delays" ADD CONSTRAINT "shipment_delays_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_pages" ADD CONSTRAINT "tracking_pages_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_pages" ADD CONSTRAINT "tracking_pages_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_outbox_subject_kind_uq" ON "email_outbox" USING btree ("shop_id","subject_key","kind");--> statement-breakpoint
CREATE INDEX "email_outbox_shop_idx" ON "email_outbox" USING btree ("shop_id","created_at");--> statement-breakpoint
CREATE INDEX "email_outbox_status_idx" ON "email_outbox" USING btree ("status","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shipment_delays_shipment_uq" ON "shipment_delays" USING btree ("shipment_id");--> statement-breakpoint
CREATE INDEX "shipment_delays_shop_idx" ON "shipment_delays" USING btree ("shop_id","resolved_at");--> statement-breakpoint
CREATE INDEX "shipment_delays_order_idx" ON "shipment_delays" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_pages_token_uq" ON "tracking_pages" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_pages_order_uq" ON "tracking_pages" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "tracking_pages_shop_idx" ON "tracking_pages" USING btree ("shop_id");