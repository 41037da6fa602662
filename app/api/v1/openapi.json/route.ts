// GET /api/v1/openapi.json — OpenAPI 3.1 of the REST API, generated from the route contracts; no auth
import { defineRoute } from "@/lib/http/define-route";
import { conditionalJson } from "@/lib/http/responses";
import { openApiDocument } from "@/lib/openapi/build-document";
import { openApiContract } from "@/lib/openapi/contracts";

export const GET = defineRoute(openApiContract, async ({ request }) =>
  conditionalJson(request, openApiDocument().cached, { cacheControl: "public, max-age=300" }),
);
