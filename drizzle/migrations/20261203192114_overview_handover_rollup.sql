CREATE TABLE "order_handovers" (
	"order_id" bigint PRIMARY KEY NOT NULL,
	"shop_id" bigint NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	"minutes" double precision NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_handovers" ADD CONSTRAINT "order_handovers_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_handovers" ADD CONSTRAINT "order_handovers_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_handovers_shop_ack_idx" ON "order_handovers" USING btree ("shop_id","acknowledged_at","minutes");--> statement-breakpoint
-- the rollup starts from every acknowledgement already recorded
INSERT INTO "order_handovers" ("order_id", "shop_id", "acknowledged_at", "minutes")
SELECT a.order_id, a.shop_id, min(a.acknowledged_at), extract(epoch from (min(a.acknowledged_at) - o.placed_at)) / 60.0
FROM "allocations" a JOIN "orders" o ON o.id = a.order_id AND o.shop_id = a.shop_id
WHERE a.acknowledged_at IS NOT NULL
GROUP BY a.order_id, a.shop_id, o.placed_at
ON CONFLICT ("order_id") DO NOTHING;
