import { defineContract } from "@/lib/http/contract";
import { alertPageSchema, alertRulePageSchema, alertRuleSchema, alertSchema } from "./responses";
import {
  alertIdParamsSchema,
  alertRuleIdParamsSchema,
  createAlertRuleBodySchema,
  listAlertRulesQuerySchema,
  listAlertsQuerySchema,
  updateAlertRuleBodySchema,
} from "./schemas";

export const listAlertsContract = defineContract({
  method: "GET",
  route: "/api/v1/alerts",
  tag: "Alerts",
  summary: "The workspace's alerts, newest day first",
  description: "`?status=open|acknowledged|all` (default open), `?asin=`, `?since=YYYY-MM-DD`, pagination.",
  access: { kind: "role", role: "viewer" },
  query: listAlertsQuerySchema,
  etag: true,
  responses: { 200: { description: "A page of alerts.", schema: alertPageSchema } },
});

export const acknowledgeAlertContract = defineContract({
  method: "POST",
  route: "/api/v1/alerts/{id}/ack",
  tag: "Alerts",
  summary: "Acknowledge an alert (idempotent)",
  access: { kind: "role", role: "analyst" },
  params: alertIdParamsSchema,
  errors: [404],
  responses: { 200: { description: "The alert as acknowledged.", schema: alertSchema } },
});

export const listAlertRulesContract = defineContract({
  method: "GET",
  route: "/api/v1/alert-rules",
  tag: "Alert rules",
  summary: "The workspace's alert rules (the defaults are written on first use)",
  access: { kind: "role", role: "analyst" },
  query: listAlertRulesQuerySchema,
  etag: true,
  responses: { 200: { description: "A page of rules, oldest first.", schema: alertRulePageSchema } },
});

export const createAlertRuleContract = defineContract({
  method: "POST",
  route: "/api/v1/alert-rules",
  tag: "Alert rules",
  summary: "Add an alert rule",
  description: "Price, BSR, rating and reviews rules need `change` and `threshold`; buy-box and stock rules do not.",
  access: { kind: "role", role: "analyst" },
  body: createAlertRuleBodySchema,
  responses: { 201: { description: "The new rule.", schema: alertRuleSchema, headers: { Location: "/api/v1/alert-rules/{id}" } } },
});

export const updateAlertRuleContract = defineContract({
  method: "PATCH",
  route: "/api/v1/alert-rules/{id}",
  tag: "Alert rules",
  summary: "Change some fields of a rule",
  access: { kind: "role", role: "analyst" },
  params: alertRuleIdParamsSchema,
  body: updateAlertRuleBodySchema,
  errors: [404],
  responses: { 200: { description: "The rule after the change.", schema: alertRuleSchema } },
});

export const deleteAlertRuleContract = defineContract({
  method: "DELETE",
  route: "/api/v1/alert-rules/{id}",
  tag: "Alert rules",
  summary: "Remove a rule with its alerts",
  access: { kind: "role", role: "analyst" },
  params: alertRuleIdParamsSchema,
  errors: [404],
  responses: { 204: { description: "Removed." } },
});
