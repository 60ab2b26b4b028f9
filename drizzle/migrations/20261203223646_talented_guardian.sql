CREATE TABLE "channel_stock_issues" (
	"shop_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"sku_id" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"message" text NOT NULL,
	"reference" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "channel_stock_issues_account_id_sku_id_pk" PRIMARY KEY("account_id","sku_id")
);
--> statement-breakpoint
ALTER TABLE "channel_stock_issues" ADD CONSTRAINT "channel_stock_issues_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_stock_issues" ADD CONSTRAINT "channel_stock_issues_account_id_channel_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_stock_issues" ADD CONSTRAINT "channel_stock_issues_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_stock_issues_shop_idx" ON "channel_stock_issues" USING btree ("shop_id");