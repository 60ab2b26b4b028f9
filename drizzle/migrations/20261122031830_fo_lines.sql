ALTER TABLE "allocation_lines" ADD COLUMN "fo_external_id" text;--> statement-breakpoint
ALTER TABLE "allocation_lines" ADD COLUMN "fo_line_external_id" text;