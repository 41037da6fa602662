import "server-only";
import type { Role } from "@/db/schema";
import { resolveApiKey } from "@/lib/auth/resolve-api-key";
import { roleAllows, type Principal } from "@/lib/auth/roles";
import { Forbidden, Unauthorized } from "./errors";

export type Access =
  | { kind: "public" }
  /** A role is required; `anonymous` (when it returns true) lets callers without credentials in. */
  | { kind: "role"; role: Role; anonymous?: () => boolean };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Resolves the caller and enforces the route's role: 401 without valid credentials, 403 below the role. */
export async function authenticate(request: Request, access: Access): Promise<Principal | null> {
  if (access.kind === "public") return null;
  const header = request.headers.get("authorization");
  if (!header) {
    if (access.anonymous?.()) return null;
    throw new Unauthorized();
  }
  const match = BEARER.exec(header);
  if (!match) throw new Unauthorized("Use Authorization: Bearer <api key>.");
  const principal = await resolveApiKey(match[1]!);
  if (!principal) throw new Unauthorized("Unknown or revoked API key.");
  if (!roleAllows(principal.role, access.role)) {
    throw new Forbidden(`This action needs the ${access.role} role; the key has ${principal.role}.`);
  }
  return principal;
}
