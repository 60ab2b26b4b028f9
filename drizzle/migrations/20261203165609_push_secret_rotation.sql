ALTER TABLE "warehouses" ADD COLUMN "push_secret_prev_enc" text;--> statement-breakpoint
ALTER TABLE "warehouses" ADD COLUMN "push_secret_prev_until" timestamp with time zone;