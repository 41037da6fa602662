import type { Principal } from "@/lib/auth/roles";

/** Workspace data: clients may keep it but must revalidate (cheap with the ETag). */
export const PRIVATE_REVALIDATE = "private, no-cache";

/**
 * Global product facts read anonymously (PUBLIC_PRODUCT_READS) may be held by a shared cache for
 * a few seconds — the edge micro-cache — and served stale briefly while it revalidates.
 */
export function productCacheControl(principal: Principal | null): string {
  return principal ? PRIVATE_REVALIDATE : "public, max-age=5, stale-while-revalidate=30";
}
