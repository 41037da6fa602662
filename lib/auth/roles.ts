import type { Role } from "@/db/schema";

export const ROLES = ["viewer", "analyst", "admin"] as const satisfies readonly Role[];
const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

/** viewer < analyst < admin: a role may do what every lower role may. */
export function roleAllows(held: Role, required: Role): boolean {
  return RANK[held] >= RANK[required];
}

/** Who is calling: always scoped to one workspace. */
export interface Principal {
  workspaceId: string;
  role: Role;
  apiKeyId?: string;
  userId?: string;
}
