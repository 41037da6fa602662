import { defineContract } from "@/lib/http/contract";
import { dateRangeQuerySchema } from "@/lib/products/schemas";
import { usageSchema } from "./responses";

export const getUsageContract = defineContract({
  method: "GET",
  route: "/api/v1/usage",
  tag: "Usage",
  summary: "Apify and LLM spend per day against the daily budgets",
  description: "`?from=&to=` inclusive, default the last 30 days.",
  access: { kind: "role", role: "admin" },
  query: dateRangeQuerySchema,
  etag: true,
  responses: { 200: { description: "Spend per day and totals.", schema: usageSchema } },
});
