CREATE SCHEMA "staging";
--> statement-breakpoint
CREATE SCHEMA "core";
--> statement-breakpoint
CREATE SCHEMA "mart";
--> statement-breakpoint
CREATE SCHEMA "app";
--> statement-breakpoint
CREATE TYPE "staging"."chunk_status" AS ENUM('pending', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "staging"."raw_event_status" AS ENUM('pending', 'ok', 'rejected');--> statement-breakpoint
CREATE TYPE "staging"."run_status" AS ENUM('planned', 'running', 'finalizing', 'succeeded', 'failed', 'refused');--> statement-breakpoint
CREATE TYPE "app"."alert_change" AS ENUM('pct', 'abs');--> statement-breakpoint
CREATE TYPE "app"."alert_direction" AS ENUM('up', 'down', 'any');--> statement-breakpoint
CREATE TYPE "app"."alert_metric" AS ENUM('price', 'bsr', 'rating', 'reviews', 'buybox', 'stock');--> statement-breakpoint
CREATE TYPE "app"."alert_status" AS ENUM('open', 'acknowledged');--> statement-breakpoint
CREATE TYPE "app"."channel_kind" AS ENUM('webhook', 'email');--> statement-breakpoint
CREATE TYPE "app"."delivery_status" AS ENUM('pending', 'succeeded', 'failed', 'retrying');--> statement-breakpoint
CREATE TYPE "app"."report_status" AS ENUM('pending', 'streaming', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "app"."role" AS ENUM('viewer', 'analyst', 'admin');--> statement-breakpoint
CREATE TYPE "app"."usage_kind" AS ENUM('apify', 'llm');--> statement-breakpoint
CREATE TABLE "staging"."ingest_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_date" date NOT NULL,
	"marketplace" text NOT NULL,
	"source" text NOT NULL,
	"status" "staging"."run_status" DEFAULT 'planned' NOT NULL,
	"chunks_total" integer DEFAULT 0 NOT NULL,
	"chunks_done" integer DEFAULT 0 NOT NULL,
	"items_ok" integer DEFAULT 0 NOT NULL,
	"items_rejected" integer DEFAULT 0 NOT NULL,
	"cost_usd" numeric(12, 4) DEFAULT '0' NOT NULL,
	"step_timings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "ingest_runs_chunks_done_check" CHECK ("staging"."ingest_runs"."chunks_done" <= "staging"."ingest_runs"."chunks_total")
);
--> statement-breakpoint
CREATE TABLE "staging"."raw_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"chunk_no" integer NOT NULL,
	"asin" text,
	"payload" jsonb NOT NULL,
	"status" "staging"."raw_event_status" DEFAULT 'pending' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staging"."run_chunks" (
	"run_id" uuid NOT NULL,
	"chunk_no" integer NOT NULL,
	"asins" text[] NOT NULL,
	"status" "staging"."chunk_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"items_ok" integer DEFAULT 0 NOT NULL,
	"items_rejected" integer DEFAULT 0 NOT NULL,
	"error" text,
	"next_attempt_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "run_chunks_run_id_chunk_no_pk" PRIMARY KEY("run_id","chunk_no")
);
--> statement-breakpoint
CREATE TABLE "core"."product_metrics_daily" (
	"asin" text NOT NULL,
	"marketplace" text NOT NULL,
	"date" date NOT NULL,
	"price_cents" integer,
	"list_price_cents" integer,
	"currency" text,
	"bsr" integer,
	"bsr_category" text,
	"rating" double precision,
	"reviews" integer,
	"buybox_seller" text,
	"buybox_price_cents" integer,
	"in_stock" boolean,
	"offers_count" integer,
	"run_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_metrics_daily_asin_marketplace_date_pk" PRIMARY KEY("asin","marketplace","date")
);
--> statement-breakpoint
CREATE TABLE "core"."products" (
	"asin" text NOT NULL,
	"marketplace" text NOT NULL,
	"title" text,
	"brand" text,
	"category" text,
	"image_url" text,
	"url" text,
	"first_seen_date" date NOT NULL,
	"last_seen_date" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_asin_marketplace_pk" PRIMARY KEY("asin","marketplace")
);
--> statement-breakpoint
CREATE TABLE "mart"."competitor_comparison_daily" (
	"competition_id" uuid NOT NULL,
	"date" date NOT NULL,
	"asin" text NOT NULL,
	"is_main" boolean NOT NULL,
	"price_cents" integer,
	"currency" text,
	"price_gap_cents" integer,
	"price_gap_pct" double precision,
	"bsr" integer,
	"bsr_gap" integer,
	"bsr_ratio" double precision,
	"rating" double precision,
	"rating_gap" double precision,
	"reviews" integer,
	"reviews_gap" integer,
	"buybox_seller" text,
	"rank_price" integer,
	"rank_bsr" integer,
	"rank_rating" integer,
	"rank_reviews" integer,
	"summary" jsonb,
	CONSTRAINT "competitor_comparison_daily_competition_id_date_asin_pk" PRIMARY KEY("competition_id","date","asin")
);
--> statement-breakpoint
CREATE TABLE "mart"."product_latest" (
	"asin" text NOT NULL,
	"marketplace" text NOT NULL,
	"date" date NOT NULL,
	"title" text,
	"brand" text,
	"category" text,
	"image_url" text,
	"url" text,
	"price_cents" integer,
	"list_price_cents" integer,
	"currency" text,
	"bsr" integer,
	"bsr_category" text,
	"rating" double precision,
	"reviews" integer,
	"buybox_seller" text,
	"buybox_price_cents" integer,
	"in_stock" boolean,
	"offers_count" integer,
	"price_delta_1d" integer,
	"price_delta_7d" integer,
	"price_delta_30d" integer,
	"price_delta_1d_pct" double precision,
	"price_delta_7d_pct" double precision,
	"price_delta_30d_pct" double precision,
	"bsr_delta_1d" integer,
	"bsr_delta_7d" integer,
	"bsr_delta_30d" integer,
	"bsr_delta_1d_pct" double precision,
	"bsr_delta_7d_pct" double precision,
	"bsr_delta_30d_pct" double precision,
	"rating_delta_1d" double precision,
	"rating_delta_7d" double precision,
	"rating_delta_30d" double precision,
	"reviews_delta_1d" integer,
	"reviews_delta_7d" integer,
	"reviews_delta_30d" integer,
	"sparkline" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_latest_asin_marketplace_pk" PRIMARY KEY("asin","marketplace")
);
--> statement-breakpoint
CREATE TABLE "app"."alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"metric" "app"."alert_metric" NOT NULL,
	"change" "app"."alert_change" NOT NULL,
	"threshold" double precision NOT NULL,
	"direction" "app"."alert_direction" NOT NULL,
	"asin" text,
	"cooldown_days" integer DEFAULT 3 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"run_id" uuid,
	"asin" text NOT NULL,
	"marketplace" text NOT NULL,
	"date" date NOT NULL,
	"metric" "app"."alert_metric" NOT NULL,
	"kind" text NOT NULL,
	"old_value" double precision,
	"new_value" double precision,
	"change" double precision,
	"status" "app"."alert_status" DEFAULT 'open' NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" "app"."role" NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "app"."competition_members" (
	"competition_id" uuid NOT NULL,
	"asin" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "competition_members_competition_id_asin_pk" PRIMARY KEY("competition_id","asin")
);
--> statement-breakpoint
CREATE TABLE "app"."competitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"main_asin" text NOT NULL,
	"marketplace" text NOT NULL,
	"weekly_report" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "app"."delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"status_code" integer,
	"latency_ms" integer,
	"response_excerpt" text,
	"next_retry_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"dedupe_key" text NOT NULL,
	"recipients" text[] NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text NOT NULL,
	"sent_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."memberships" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "app"."role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "app"."notification_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" "app"."channel_kind" NOT NULL,
	"target" text NOT NULL,
	"secret" text,
	"events" text[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"disabled_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"competition_id" uuid NOT NULL,
	"status" "app"."report_status" DEFAULT 'pending' NOT NULL,
	"model" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"facts" jsonb NOT NULL,
	"number_check" jsonb,
	"number_check_passed" boolean,
	"input_tokens" integer,
	"output_tokens" integer,
	"cost_usd" numeric(12, 6),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "app"."tracked_products" (
	"workspace_id" uuid NOT NULL,
	"asin" text NOT NULL,
	"marketplace" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracked_products_workspace_id_asin_marketplace_pk" PRIMARY KEY("workspace_id","asin","marketplace")
);
--> statement-breakpoint
CREATE TABLE "app"."usage_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"day" date NOT NULL,
	"kind" "app"."usage_kind" NOT NULL,
	"workspace_id" uuid,
	"run_id" uuid,
	"report_id" uuid,
	"amount_usd" numeric(12, 6) NOT NULL,
	"quantity" double precision,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_costs_amount_check" CHECK ("app"."usage_costs"."amount_usd" >= 0)
);
--> statement-breakpoint
CREATE TABLE "app"."users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"password_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."workspaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staging"."raw_events" ADD CONSTRAINT "raw_events_run_id_ingest_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "staging"."ingest_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staging"."run_chunks" ADD CONSTRAINT "run_chunks_run_id_ingest_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "staging"."ingest_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mart"."competitor_comparison_daily" ADD CONSTRAINT "competitor_comparison_daily_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "app"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."alert_rules" ADD CONSTRAINT "alert_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."alerts" ADD CONSTRAINT "alerts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."alerts" ADD CONSTRAINT "alerts_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "app"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."api_keys" ADD CONSTRAINT "api_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "app"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."competition_members" ADD CONSTRAINT "competition_members_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "app"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."competitions" ADD CONSTRAINT "competitions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."deliveries" ADD CONSTRAINT "deliveries_channel_id_notification_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "app"."notification_channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."email_outbox" ADD CONSTRAINT "email_outbox_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."memberships" ADD CONSTRAINT "memberships_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "app"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."notification_channels" ADD CONSTRAINT "notification_channels_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."reports" ADD CONSTRAINT "reports_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."reports" ADD CONSTRAINT "reports_competition_id_competitions_id_fk" FOREIGN KEY ("competition_id") REFERENCES "app"."competitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."tracked_products" ADD CONSTRAINT "tracked_products_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."usage_costs" ADD CONSTRAINT "usage_costs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ingest_runs_date_marketplace_key" ON "staging"."ingest_runs" USING btree ("run_date","marketplace");--> statement-breakpoint
CREATE INDEX "ingest_runs_created_at_idx" ON "staging"."ingest_runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "raw_events_run_chunk_idx" ON "staging"."raw_events" USING btree ("run_id","chunk_no");--> statement-breakpoint
CREATE INDEX "raw_events_rejected_idx" ON "staging"."raw_events" USING btree ("run_id") WHERE "staging"."raw_events"."status" = 'rejected';--> statement-breakpoint
CREATE INDEX "run_chunks_status_idx" ON "staging"."run_chunks" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "product_metrics_daily_date_idx" ON "core"."product_metrics_daily" USING btree ("date");--> statement-breakpoint
CREATE INDEX "competitor_comparison_daily_date_idx" ON "mart"."competitor_comparison_daily" USING btree ("competition_id","date");--> statement-breakpoint
CREATE INDEX "alert_rules_workspace_idx" ON "app"."alert_rules" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_rule_asin_date_key" ON "app"."alerts" USING btree ("rule_id","asin","marketplace","date");--> statement-breakpoint
CREATE INDEX "alerts_workspace_status_idx" ON "app"."alerts" USING btree ("workspace_id","status","created_at");--> statement-breakpoint
CREATE INDEX "alerts_workspace_asin_idx" ON "app"."alerts" USING btree ("workspace_id","asin");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "app"."api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_keys_workspace_idx" ON "app"."api_keys" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "competitions_workspace_idx" ON "app"."competitions" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_channel_event_key" ON "app"."deliveries" USING btree ("channel_id","event_id");--> statement-breakpoint
CREATE INDEX "deliveries_channel_created_idx" ON "app"."deliveries" USING btree ("channel_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "email_outbox_workspace_dedupe_key" ON "app"."email_outbox" USING btree ("workspace_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "app"."memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "notification_channels_workspace_idx" ON "app"."notification_channels" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "reports_competition_idx" ON "app"."reports" USING btree ("competition_id","created_at");--> statement-breakpoint
CREATE INDEX "tracked_products_asin_idx" ON "app"."tracked_products" USING btree ("asin","marketplace");--> statement-breakpoint
CREATE INDEX "usage_costs_day_kind_idx" ON "app"."usage_costs" USING btree ("day","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "app"."users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "workspaces_slug_key" ON "app"."workspaces" USING btree ("slug");