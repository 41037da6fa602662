import { defineContract } from "@/lib/http/contract";
import { runDetailSchema, runPageSchema, runSchema } from "./responses";
import { listRunsQuerySchema, runIdParamsSchema, startRunBodySchema } from "./schemas";

export const listRunsContract = defineContract({
  method: "GET",
  route: "/api/v1/runs",
  tag: "Runs",
  summary: "ETL runs, newest day first",
  access: { kind: "role", role: "viewer" },
  query: listRunsQuerySchema,
  etag: true,
  responses: { 200: { description: "A page of runs.", schema: runPageSchema } },
});

export const startRunContract = defineContract({
  method: "POST",
  route: "/api/v1/runs",
  tag: "Runs",
  summary: "Start the run of a day now (the same date twice is the same run)",
  access: { kind: "role", role: "admin" },
  body: startRunBodySchema,
  responses: { 202: { description: "The run, planned or already under way.", schema: runSchema, headers: { Location: "/api/v1/runs/{id}" } } },
});

export const getRunContract = defineContract({
  method: "GET",
  route: "/api/v1/runs/{id}",
  tag: "Runs",
  summary: "A run: status, chunks, items ok/rejected (with errors), cost, step timings",
  access: { kind: "role", role: "viewer" },
  params: runIdParamsSchema,
  etag: true,
  errors: [404],
  responses: { 200: { description: "The run with its first rejected items.", schema: runDetailSchema } },
});
