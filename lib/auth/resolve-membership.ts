import "server-only";
import { LRUCache } from "lru-cache";
import { getDb } from "@/db/client";
import { findMembershipRole } from "@/db/queries/memberships";
import type { Role } from "@/db/schema";

// A session cookie names the user and workspace; the role is read from the membership so that a
// demotion or removal takes effect within this TTL instead of when the 30-day cookie expires.
const ROLE_TTL_MS = 30_000;

const GLOBAL_KEY = Symbol.for("shelfwatch.membership-cache");
type GlobalWithRoles = typeof globalThis & { [GLOBAL_KEY]?: LRUCache<string, { role: Role | null }> };

function roles(): LRUCache<string, { role: Role | null }> {
  const g = globalThis as GlobalWithRoles;
  g[GLOBAL_KEY] ??= new LRUCache({ max: 10_000, ttl: ROLE_TTL_MS });
  return g[GLOBAL_KEY];
}

export async function resolveMembershipRole(userId: string, workspaceId: string): Promise<Role | null> {
  const key = `${userId}:${workspaceId}`;
  const cached = roles().get(key);
  if (cached) return cached.role;
  const role = await findMembershipRole(await getDb(), userId, workspaceId);
  roles().set(key, { role });
  return role;
}

/** Drops cached roles (a membership changed). */
export function forgetMemberships(): void {
  roles().clear();
}
