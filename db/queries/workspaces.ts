import { and, count, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys, memberships, users, workspaces, type Role } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

export function ensureWorkspace(db: Database, slug: string, name: string): Promise<{ id: string }> {
  return timedQuery("app.workspaces.ensure", async () => {
    await db.insert(workspaces).values({ slug, name }).onConflictDoNothing();
    const [row] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, slug));
    return row!;
  });
}

export function findUserByEmail(db: Database, email: string): Promise<{ id: string; passwordHash: string | null } | null> {
  return timedQuery("app.users.find_by_email", async () => {
    const [row] = await db
      .select({ id: users.id, passwordHash: users.passwordHash, email: users.email })
      .from(users)
      .where(eq(users.email, email.toLowerCase()));
    return row ?? null;
  });
}

export function insertUser(db: Database, user: { email: string; name?: string; passwordHash: string }): Promise<{ id: string }> {
  return timedQuery("app.users.insert", async () => {
    const [row] = await db.insert(users).values({ ...user, email: user.email.toLowerCase() }).returning({ id: users.id });
    return row!;
  });
}

export function ensureMembership(db: Database, workspaceId: string, userId: string, role: Role): Promise<void> {
  return timedQuery("app.memberships.ensure", async () => {
    await db.insert(memberships).values({ workspaceId, userId, role }).onConflictDoNothing();
  });
}

export function countAdmins(db: Database, workspaceId: string): Promise<{ users: number; apiKeys: number }> {
  return timedQuery("app.workspaces.count_admins", async () => {
    const [u] = await db.select({ n: count() }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "admin")));
    const [k] = await db.select({ n: count() }).from(apiKeys).where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.role, "admin")));
    return { users: u?.n ?? 0, apiKeys: k?.n ?? 0 };
  });
}
