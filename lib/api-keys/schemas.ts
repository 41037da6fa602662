import { z } from "zod";
import { role } from "@/db/schema";
import { limitSchema } from "@/lib/products/schemas";

export const apiKeyIdParamsSchema = z.object({ id: z.uuid("an API key id is a UUID") });

export const listApiKeysQuerySchema = z.object({ limit: limitSchema, cursor: z.string().max(256).optional() });

export const createApiKeyBodySchema = z.object({
  name: z.string().trim().min(1, "name is required").max(100),
  role: z.enum(role.enumValues),
});

export type CreateApiKeyBody = z.infer<typeof createApiKeyBodySchema>;
