import { sql } from "drizzle-orm";
import {
  boolean, check, date, index, integer, jsonb, numeric, pgSchema, primaryKey, doublePrecision, text, timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";

// Everything that belongs to a workspace: people, keys, tracking, competitions, alerts,
// notifications, reports, spend. Nothing here leaks across workspaces.
export const app = pgSchema("app");

export const role = app.enum("role", ["viewer", "analyst", "admin"]);
export const alertMetric = app.enum("alert_metric", ["price", "bsr", "rating", "reviews", "buybox", "stock"]);
export const alertChange = app.enum("alert_change", ["pct", "abs"]);
export const alertDirection = app.enum("alert_direction", ["up", "down", "any"]);
export const alertStatus = app.enum("alert_status", ["open", "acknowledged"]);
export const channelKind = app.enum("channel_kind", ["webhook", "email"]);
export const deliveryStatus = app.enum("delivery_status", ["pending", "succeeded", "failed", "retrying"]);
export const reportStatus = app.enum("report_status", ["pending", "streaming", "succeeded", "failed"]);
export const usageKind = app.enum("usage_kind", ["apify", "llm"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const workspaces = app.table(
  "workspaces",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** Extra digest recipients and other per-workspace settings. */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("workspaces_slug_key").on(t.slug)],
);

export const users = app.table(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name"),
    /** scrypt$N$r$p$salt$hash; null for users who only sign in through a provider. */
    passwordHash: text("password_hash"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const memberships = app.table(
  "memberships",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: role("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const apiKeys = app.table(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    role: role("role").notNull(),
    /** sha-256 of the key, hex. The key itself is shown once and never stored. */
    keyHash: text("key_hash").notNull(),
    /** First characters of the key, to recognise it in a list. */
    prefix: text("prefix").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_key_hash_key").on(t.keyHash), index("api_keys_workspace_idx").on(t.workspaceId)],
);

export const trackedProducts = app.table(
  "tracked_products",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    asin: text("asin").notNull(),
    marketplace: text("marketplace").notNull(),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.asin, t.marketplace] }),
    // The planner reads every tracked ASIN of every workspace.
    index("tracked_products_asin_idx").on(t.asin, t.marketplace),
  ],
);

export const competitions = app.table(
  "competitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    mainAsin: text("main_asin").notNull(),
    marketplace: text("marketplace").notNull(),
    weeklyReport: boolean("weekly_report").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("competitions_workspace_idx").on(t.workspaceId, t.createdAt)],
);

export const competitionMembers = app.table(
  "competition_members",
  {
    competitionId: uuid("competition_id").notNull().references(() => competitions.id, { onDelete: "cascade" }),
    asin: text("asin").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.competitionId, t.asin] })],
);

export const alertRules = app.table(
  "alert_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    metric: alertMetric("metric").notNull(),
    change: alertChange("change").notNull(),
    threshold: doublePrecision("threshold").notNull(),
    direction: alertDirection("direction").notNull(),
    /** A rule for one ASIN; null applies to every tracked product of the workspace. */
    asin: text("asin"),
    cooldownDays: integer("cooldown_days").notNull().default(3),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("alert_rules_workspace_idx").on(t.workspaceId)],
);

export const alerts = app.table(
  "alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    ruleId: uuid("rule_id").notNull().references(() => alertRules.id, { onDelete: "cascade" }),
    runId: uuid("run_id"),
    asin: text("asin").notNull(),
    marketplace: text("marketplace").notNull(),
    date: date("date", { mode: "string" }).notNull(),
    metric: alertMetric("metric").notNull(),
    kind: text("kind").notNull(),
    oldValue: doublePrecision("old_value"),
    newValue: doublePrecision("new_value"),
    change: doublePrecision("change"),
    status: alertStatus("status").notNull().default("open"),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: text("acknowledged_by"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("alerts_rule_asin_date_key").on(t.ruleId, t.asin, t.marketplace, t.date),
    index("alerts_workspace_status_idx").on(t.workspaceId, t.status, t.createdAt),
    index("alerts_workspace_asin_idx").on(t.workspaceId, t.asin),
    // GET /api/v1/alerts pages newest day first by keyset (date, id) within a workspace.
    index("alerts_workspace_date_idx").on(t.workspaceId, t.date, t.id),
  ],
);

export const notificationChannels = app.table(
  "notification_channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    kind: channelKind("kind").notNull(),
    /** Webhook URL, or a comma-free email address for extra digest recipients. */
    target: text("target").notNull(),
    /** Webhook signing secret (whsec_…); null for email. */
    secret: text("secret"),
    events: text("events").array().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    disabledReason: text("disabled_reason"),
    createdAt: createdAt(),
  },
  (t) => [index("notification_channels_workspace_idx").on(t.workspaceId)],
);

export const deliveries = app.table(
  "deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channelId: uuid("channel_id").notNull().references(() => notificationChannels.id, { onDelete: "cascade" }),
    /** Stable per event and channel: a redelivered job never sends the same event twice. */
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    payload: jsonb("payload").notNull(),
    status: deliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    statusCode: integer("status_code"),
    latencyMs: integer("latency_ms"),
    responseExcerpt: text("response_excerpt"),
    nextRetryAt: timestamp("next_retry_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("deliveries_channel_event_key").on(t.channelId, t.eventId),
    index("deliveries_channel_created_idx").on(t.channelId, t.createdAt),
    // The resume sweep looks only at unfinished deliveries.
    index("deliveries_unfinished_idx").on(t.status, t.createdAt).where(sql`${t.status} in ('pending', 'retrying')`),
  ],
);

/** One row per HTTP attempt of a delivery; the unique key lets exactly one worker make attempt n. */
export const deliveryAttempts = app.table(
  "delivery_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: uuid("delivery_id").notNull().references(() => deliveries.id, { onDelete: "cascade" }),
    attemptNo: integer("attempt_no").notNull(),
    /** "auto" (the queue's schedule) or "manual" (test, redelivery). */
    trigger: text("trigger").notNull().default("auto"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    statusCode: integer("status_code"),
    latencyMs: integer("latency_ms"),
    responseExcerpt: text("response_excerpt"),
    error: text("error"),
    nextRetryAt: timestamp("next_retry_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("delivery_attempts_delivery_attempt_key").on(t.deliveryId, t.attemptNo)],
);

/**
 * Which alerts went to which channel ("webhook:<id>" or "email"): the primary key is what keeps a
 * re-run of a day or a redelivered job from sending one alert twice to one channel.
 */
export const alertNotifications = app.table(
  "alert_notifications",
  {
    alertId: uuid("alert_id").notNull().references(() => alerts.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.channel] })],
);

/** Messages sent per workspace, channel and UTC day, for the per-channel daily cap. */
export const notificationDailyCounts = app.table(
  "notification_daily_counts",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    sent: integer("sent").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channel, t.day] })],
);

export const emailOutbox = app.table(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    /** e.g. digest:<run id> — one digest per workspace per run. */
    dedupeKey: text("dedupe_key").notNull(),
    recipients: text("recipients").array().notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    /** "smtp" (sent, or to be sent, over SMTP_URL) or "outbox" (no SMTP: kept here to be read). */
    transport: text("transport").notNull().default("outbox"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    error: text("error"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("email_outbox_workspace_dedupe_key").on(t.workspaceId, t.dedupeKey),
    index("email_outbox_workspace_created_idx").on(t.workspaceId, t.createdAt),
    // The resume sweep looks only at unsent SMTP mail.
    index("email_outbox_unsent_idx").on(t.createdAt).where(sql`${t.sentAt} is null and ${t.transport} = 'smtp'`),
  ],
);

export const reports = app.table(
  "reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    competitionId: uuid("competition_id").notNull().references(() => competitions.id, { onDelete: "cascade" }),
    status: reportStatus("status").notNull().default("pending"),
    model: text("model").notNull(),
    content: text("content").notNull().default(""),
    /** The facts table the report was written from: numbers with their dates. */
    facts: jsonb("facts").notNull(),
    numberCheck: jsonb("number_check"),
    numberCheckPassed: boolean("number_check_passed"),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    costUsd: numeric("cost_usd", { precision: 12, scale: 6 }),
    /** Why generation failed (status "failed"); the number check is separate. */
    error: text("error"),
    /** "api" (POST …/reports) or "weekly" (the scheduled job). */
    trigger: text("trigger").notNull().default("api"),
    /** weekly:<ISO week> — a redelivered weekly job finds its report instead of writing another. */
    dedupeKey: text("dedupe_key"),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("reports_competition_idx").on(t.competitionId, t.createdAt),
    uniqueIndex("reports_competition_dedupe_key").on(t.competitionId, t.dedupeKey),
  ],
);

export const usageCosts = app.table(
  "usage_costs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    day: date("day", { mode: "string" }).notNull(),
    kind: usageKind("kind").notNull(),
    /** Null for shared spend (a scrape serves every workspace). */
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    runId: uuid("run_id"),
    reportId: uuid("report_id"),
    amountUsd: numeric("amount_usd", { precision: 12, scale: 6 }).notNull(),
    quantity: doublePrecision("quantity"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("usage_costs_day_kind_idx").on(t.day, t.kind),
    check("usage_costs_amount_check", sql`${t.amountUsd} >= 0`),
  ],
);

export type Workspace = typeof workspaces.$inferSelect;
export type User = typeof users.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Role = (typeof role.enumValues)[number];
export type AlertRule = typeof alertRules.$inferSelect;
export type Alert = typeof alerts.$inferSelect;
export type NotificationChannel = typeof notificationChannels.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;
export type DeliveryAttempt = typeof deliveryAttempts.$inferSelect;
export type EmailOutboxRow = typeof emailOutbox.$inferSelect;
