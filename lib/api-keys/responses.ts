import { z } from "zod";
import { role } from "@/db/schema";

// Response bodies of the API-key routes; presentApiKey and createApiKey return these types.
const dateTime = z.string().meta({ format: "date-time" });
const prefix = z.string().meta({ description: "The key's first characters, to recognise it by.", example: "sw_live_3f9aXk" });

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: z.enum(role.enumValues),
    prefix,
    created_at: dateTime,
    last_used_at: dateTime.nullable(),
  })
  .meta({ id: "ApiKey" });
export type ApiKeyView = z.infer<typeof apiKeySchema>;

export const apiKeyPageSchema = z.object({ items: z.array(apiKeySchema), next_cursor: z.string().nullable() });

export const createdApiKeySchema = z
  .object({
    id: z.uuid(),
    key: z.string().meta({ description: "The key itself: shown this once, only its SHA-256 is stored." }),
    name: z.string(),
    role: z.enum(role.enumValues),
    prefix,
  })
  .meta({ id: "CreatedApiKey" });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
