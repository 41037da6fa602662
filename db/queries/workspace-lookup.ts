import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { workspaces } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

export function findWorkspaceBySlug(db: Database, slug: string): Promise<{ id: string; name: string } | null> {
  return timedQuery("app.workspaces.find_by_slug", async () => {
    const [row] = await db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.slug, slug));
    return row ?? null;
  });
}
