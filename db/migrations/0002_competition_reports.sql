ALTER TABLE "app"."reports" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "app"."reports" ADD COLUMN "trigger" text DEFAULT 'api' NOT NULL;--> statement-breakpoint
ALTER TABLE "app"."reports" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_competition_dedupe_key" ON "app"."reports" USING btree ("competition_id","dedupe_key");