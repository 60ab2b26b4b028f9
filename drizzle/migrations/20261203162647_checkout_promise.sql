ALTER TABLE "orders" ADD COLUMN "shipping_rate_code" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_rate_title" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "deliver_by" text;