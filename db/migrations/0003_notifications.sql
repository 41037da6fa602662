CREATE TABLE "app"."alert_notifications" (
	"alert_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_notifications_alert_id_channel_pk" PRIMARY KEY("alert_id","channel")
);
--> statement-breakpoint
CREATE TABLE "app"."delivery_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt_no" integer NOT NULL,
	"trigger" text DEFAULT 'auto' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status_code" integer,
	"latency_ms" integer,
	"response_excerpt" text,
	"error" text,
	"next_retry_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "app"."notification_daily_counts" (
	"workspace_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"day" date NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "notification_daily_counts_workspace_id_channel_day_pk" PRIMARY KEY("workspace_id","channel","day")
);
--> statement-breakpoint
ALTER TABLE "app"."email_outbox" ADD COLUMN "transport" text DEFAULT 'outbox' NOT NULL;--> statement-breakpoint
ALTER TABLE "app"."alert_notifications" ADD CONSTRAINT "alert_notifications_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "app"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "app"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."notification_daily_counts" ADD CONSTRAINT "notification_daily_counts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "app"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_attempts_delivery_attempt_key" ON "app"."delivery_attempts" USING btree ("delivery_id","attempt_no");--> statement-breakpoint
CREATE INDEX "deliveries_unfinished_idx" ON "app"."deliveries" USING btree ("status","created_at") WHERE "app"."deliveries"."status" in ('pending', 'retrying');--> statement-breakpoint
CREATE INDEX "email_outbox_workspace_created_idx" ON "app"."email_outbox" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "email_outbox_unsent_idx" ON "app"."email_outbox" USING btree ("created_at") WHERE "app"."email_outbox"."sent_at" is null and "app"."email_outbox"."transport" = 'smtp';