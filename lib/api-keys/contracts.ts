import { defineContract } from "@/lib/http/contract";
import { apiKeyPageSchema, createdApiKeySchema } from "./responses";
import { apiKeyIdParamsSchema, createApiKeyBodySchema, listApiKeysQuerySchema } from "./schemas";

const TAG = "API keys";
const admin = { kind: "role", role: "admin" } as const;

export const listApiKeysContract = defineContract({
  method: "GET",
  route: "/api/v1/api-keys",
  tag: TAG,
  summary: "The workspace's API keys, oldest first (never the keys themselves)",
  access: admin,
  query: listApiKeysQuerySchema,
  etag: true,
  responses: { 200: { description: "A page of keys.", schema: apiKeyPageSchema } },
});

export const createApiKeyContract = defineContract({
  method: "POST",
  route: "/api/v1/api-keys",
  tag: TAG,
  summary: "Create an API key with a role",
  description: "The key is in this answer only; the server keeps its SHA-256.",
  access: admin,
  body: createApiKeyBodySchema,
  responses: { 201: { description: "The new key, shown once.", schema: createdApiKeySchema, headers: { Location: "/api/v1/api-keys/{id}" } } },
});

export const deleteApiKeyContract = defineContract({
  method: "DELETE",
  route: "/api/v1/api-keys/{id}",
  tag: TAG,
  summary: "Revoke an API key: it is refused (401) from the next request on",
  access: admin,
  params: apiKeyIdParamsSchema,
  errors: [404],
  responses: { 204: { description: "Revoked." } },
});
