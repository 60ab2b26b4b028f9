ALTER TABLE "replenishment_snapshot" ADD COLUMN "on_hand" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "replenishment_snapshot" ADD COLUMN "reserved" integer DEFAULT 0 NOT NULL;