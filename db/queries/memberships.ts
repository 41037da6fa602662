import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, users, type Role } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

export interface SignInRecord {
  userId: string;
  email: string;
  passwordHash: string | null;
  /** The workspace the session opens in: the user's highest role, oldest membership first. */
  workspaceId: string | null;
  role: Role | null;
}

export function findSignInRecord(db: Database, email: string): Promise<SignInRecord | null> {
  return timedQuery("app.users.find_for_sign_in", async () => {
    const [row] = await db
      .select({
        userId: users.id,
        email: users.email,
        passwordHash: users.passwordHash,
        workspaceId: memberships.workspaceId,
        role: memberships.role,
      })
      .from(users)
      .leftJoin(memberships, eq(memberships.userId, users.id))
      .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
      // enum order is viewer < analyst < admin
      .orderBy(desc(memberships.role), asc(memberships.createdAt))
      .limit(1);
    return row ?? null;
  });
}

/** The user's current role in the workspace, or null when the membership (or user) is gone. */
export function findMembershipRole(db: Database, userId: string, workspaceId: string): Promise<Role | null> {
  return timedQuery("app.memberships.find_role", async () => {
    const [row] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
    return row?.role ?? null;
  });
}
