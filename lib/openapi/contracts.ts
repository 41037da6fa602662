import { z } from "zod";
import { defineContract } from "@/lib/http/contract";

export const openApiContract = defineContract({
  method: "GET",
  route: "/api/v1/openapi.json",
  tag: "Reference",
  summary: "This document: OpenAPI 3.1, generated from the schemas the handlers validate with",
  access: { kind: "public" },
  etag: true,
  responses: { 200: { description: "The OpenAPI document.", schema: z.record(z.string(), z.unknown()) } },
});
