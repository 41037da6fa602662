import type { ApiKeyListing } from "@/db/queries/api-keys";
import type { ApiKeyView } from "./responses";

/** An API key as lists show it: never the key, only the prefix to recognise it by. */
export function presentApiKey(key: Omit<ApiKeyListing, "createdMicros">): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
  };
}
