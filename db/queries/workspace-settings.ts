import { asc, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

/** The people of a workspace with their roles, admins first. */
export function listWorkspaceMembers(db: Database, workspaceId: string) {
  return timedQuery("app.memberships.list", () =>
    db
      .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, since: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(desc(memberships.role), asc(users.email)),
  );
}
