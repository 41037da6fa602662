import "server-only";
import type { Role } from "@/db/schema";
import { resolveApiKey } from "@/lib/auth/resolve-api-key";
import { roleAllows, type Principal } from "@/lib/auth/roles";
import { sessionPrincipalFromRequest } from "@/lib/auth/session";
import { Forbidden, Unauthorized } from "./errors";

export type Access =
  | { kind: "public" }
  /** A role is required; `anonymous` (when it returns true) lets callers without credentials in. */
  | { kind: "role"; role: Role; anonymous?: () => boolean };

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Who is calling: an API key (Authorization: Bearer) wins over the dashboard's session cookie.
 * A bad or revoked key is a 401 even when a valid cookie is present, so a client never silently
 * acts as someone else. No credentials at all is `principal: null`.
 */
async function identify(request: Request): Promise<{ principal: Principal | null; error?: Unauthorized | Forbidden }> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = BEARER.exec(header);
    if (!match) return { principal: null, error: new Unauthorized("Use Authorization: Bearer <api key>.") };
    const principal = await resolveApiKey(match[1]!);
    return principal ? { principal } : { principal: null, error: new Unauthorized("Unknown or revoked API key.") };
  }
  const principal = await sessionPrincipalFromRequest(request);
  // The cookie rides along on any request the browser makes; a write must come from our own pages.
  // (SameSite=Lax and the JSON-only bodies already stop forms; Sec-Fetch-Site also stops scripts.)
  if (principal && !SAFE_METHODS.has(request.method)) {
    const site = request.headers.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") {
      return { principal, error: new Forbidden("Cross-site requests cannot use the session cookie; use an API key.") };
    }
  }
  return { principal };
}

/**
 * Resolves the caller and enforces the route's role: 401 without valid credentials, 403 below the
 * role. `onIdentified` runs once the caller is known (or known to be anonymous or wrong) and before
 * any 401/403, so rate limits also count failed attempts and every answer can carry their headers.
 */
export async function authenticate(
  request: Request,
  access: Access,
  onIdentified?: (principal: Principal | null) => Promise<void>,
): Promise<Principal | null> {
  if (access.kind === "public") {
    await onIdentified?.(null);
    return null;
  }
  const { principal, error } = await identify(request);
  await onIdentified?.(principal);
  if (error) throw error;
  if (!principal) {
    if (access.anonymous?.()) return null;
    throw new Unauthorized();
  }
  if (!roleAllows(principal.role, access.role)) {
    const holder = principal.apiKeyId ? "the key" : "your account";
    throw new Forbidden(`This action needs the ${access.role} role; ${holder} has ${principal.role}.`);
  }
  return principal;
}
