import { defineContract } from "@/lib/http/contract";
import { MAX_SERIES_DAYS } from "@/lib/products/schemas";
import { comparisonSchema, competitionChangeSchema, competitionPageSchema, competitionSchema } from "./responses";
import {
  MAX_COMPETITORS,
  comparisonQuerySchema,
  competitionIdParamsSchema,
  createCompetitionBodySchema,
  listCompetitionsQuerySchema,
  updateCompetitionBodySchema,
} from "./schemas";

const TAG = "Competitions";
const MEMBERS = `A main ASIN and 1–${MAX_COMPETITORS} competitors, all different; they are tracked if the workspace does not track them yet.`;

export const listCompetitionsContract = defineContract({
  method: "GET",
  route: "/api/v1/competitions",
  tag: TAG,
  summary: "The workspace's competitions, oldest first",
  access: { kind: "role", role: "viewer" },
  query: listCompetitionsQuerySchema,
  etag: true,
  responses: { 200: { description: "A page of competitions.", schema: competitionPageSchema } },
});

export const createCompetitionContract = defineContract({
  method: "POST",
  route: "/api/v1/competitions",
  tag: TAG,
  summary: "Create a competition: a main product against its competitors",
  description: `${MEMBERS} The comparison is backfilled over the stored history.`,
  access: { kind: "role", role: "analyst" },
  body: createCompetitionBodySchema,
  responses: {
    201: { description: "The new competition.", schema: competitionChangeSchema, headers: { Location: "/api/v1/competitions/{id}" } },
  },
});

export const getCompetitionContract = defineContract({
  method: "GET",
  route: "/api/v1/competitions/{id}",
  tag: TAG,
  summary: "One competition",
  access: { kind: "role", role: "viewer" },
  params: competitionIdParamsSchema,
  etag: true,
  errors: [404],
  responses: { 200: { description: "The competition.", schema: competitionSchema } },
});

export const updateCompetitionContract = defineContract({
  method: "PATCH",
  route: "/api/v1/competitions/{id}",
  tag: TAG,
  summary: "Change the name, members or weekly report of a competition",
  description: `Any subset of the fields; the marketplace is fixed. ${MEMBERS} A change of members rebuilds the comparison history.`,
  access: { kind: "role", role: "analyst" },
  params: competitionIdParamsSchema,
  body: updateCompetitionBodySchema,
  errors: [404],
  responses: { 200: { description: "The competition after the change.", schema: competitionChangeSchema } },
});

export const deleteCompetitionContract = defineContract({
  method: "DELETE",
  route: "/api/v1/competitions/{id}",
  tag: TAG,
  summary: "Remove a competition with its comparison and reports",
  description: "Its ASINs stay tracked; `DELETE /api/v1/products/{asin}` stops that.",
  access: { kind: "role", role: "analyst" },
  params: competitionIdParamsSchema,
  errors: [404],
  responses: { 204: { description: "Removed." } },
});

export const getComparisonContract = defineContract({
  method: "GET",
  route: "/api/v1/competitions/{id}/comparison",
  tag: TAG,
  summary: "Gaps, ranks and summary of a competition: one day or a range",
  description: `\`?date=\` (default the latest compared day), or \`?from=&to=\` (YYYY-MM-DD, at most ${MAX_SERIES_DAYS} days) for a series. Gaps are competitor minus main; money in integer cents.`,
  access: { kind: "role", role: "viewer" },
  params: competitionIdParamsSchema,
  query: comparisonQuerySchema,
  etag: true,
  errors: [404],
  responses: { 200: { description: "One compared day, or the compared days of the range.", schema: comparisonSchema } },
});
