DROP INDEX "order_lines_shop_sku_idx";--> statement-breakpoint
DROP INDEX "orders_shop_status_idx";--> statement-breakpoint
CREATE INDEX "order_lines_shop_sku_order_idx" ON "order_lines" USING btree ("shop_id","sku","order_id");--> statement-breakpoint
CREATE INDEX "orders_shop_status_placed_idx" ON "orders" USING btree ("shop_id","status","placed_at","id");--> statement-breakpoint
CREATE INDEX "allocations_open_promise_idx" ON "allocations" USING btree ("shop_id","promised_ship_by","order_id","status") WHERE status in ('reserved', 'ready', 'leased', 'acknowledged', 'partially_shipped', 'cancel_requested');--> statement-breakpoint
CREATE INDEX "allocations_shop_acknowledged_idx" ON "allocations" USING btree ("shop_id","acknowledged_at","order_id") WHERE acknowledged_at is not null;--> statement-breakpoint
CREATE INDEX "shipments_shop_shipped_idx" ON "shipments" USING btree ("shop_id","shipped_at","allocation_id");--> statement-breakpoint
-- substring search on order names: pg_trgm where the database has it (Postgres contrib, PGlite's
-- bundled extension); without it the search still works, scanning instead of using the index
DO $$ BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
  RAISE NOTICE 'pg_trgm is not available (%): order-name search runs without a trigram index', SQLERRM;
END $$;--> statement-breakpoint
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS "orders_name_trgm_idx" ON "orders" USING gin ("name" gin_trgm_ops);
  END IF;
END $$;
