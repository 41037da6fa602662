import { z } from "zod";
import { competitionIdParamsSchema } from "@/lib/competitions/schemas";
import { defineContract } from "@/lib/http/contract";
import { reportPageSchema, reportSchema, reportSummarySchema } from "./responses";
import { listReportsQuerySchema, reportIdParamsSchema } from "./schemas";

const TAG = "Reports";

const eventStream = z.string().meta({
  description:
    "Server-Sent Events: `report` ({ id, model, status }), then `delta` ({ text }) per piece of text, then `done` (the stored report without facts, number check included) or `error`.",
});

export const requestReportContract = defineContract({
  method: "POST",
  route: "/api/v1/competitions/{id}/reports",
  tag: TAG,
  summary: "Write a report on the competition's latest compared day",
  description:
    "With `Accept: text/event-stream` the report is streamed as it is written (200); otherwise it is written in the background (202) and read at `Location`. The budget and the competition are checked first, so refusals are problem+json either way; a report whose numbers are not all in its facts is stored flagged.",
  access: { kind: "role", role: "analyst" },
  params: competitionIdParamsSchema,
  errors: [404, 409],
  responses: {
    200: { description: "The report as it is written (Accept: text/event-stream).", contentType: "text/event-stream", schema: eventStream, headers: { Location: "/api/v1/reports/{id}" } },
    202: { description: "The report, pending; poll `Location` until it succeeds or fails.", schema: reportSummarySchema, headers: { Location: "/api/v1/reports/{id}" } },
  },
});

export const listReportsContract = defineContract({
  method: "GET",
  route: "/api/v1/competitions/{id}/reports",
  tag: TAG,
  summary: "The competition's reports, newest first, without their facts",
  access: { kind: "role", role: "viewer" },
  params: competitionIdParamsSchema,
  query: listReportsQuerySchema,
  etag: true,
  errors: [404],
  responses: { 200: { description: "A page of reports.", schema: reportPageSchema } },
});

export const getReportContract = defineContract({
  method: "GET",
  route: "/api/v1/reports/{id}",
  tag: TAG,
  summary: "A stored report: text, model, tokens, cost, facts and its number check",
  access: { kind: "role", role: "viewer" },
  params: reportIdParamsSchema,
  etag: true,
  errors: [404],
  responses: { 200: { description: "The report with the facts it was written from.", schema: reportSchema } },
});
