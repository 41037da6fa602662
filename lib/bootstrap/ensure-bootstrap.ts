import "server-only";
import type { Database } from "@/db/client";
import { ensureApiKey, insertApiKey } from "@/db/queries/api-keys";
import { countAdmins, ensureMembership, ensureWorkspace, findUserByEmail, insertUser } from "@/db/queries/workspaces";
import { displayPrefix, generateApiKey, hashApiKey } from "@/lib/auth/api-key-secret";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import type { Config } from "@/lib/config/env";

export const DEFAULT_WORKSPACE_SLUG = "default";
const GENERATED_ADMIN_EMAIL = "admin@shelfwatch.local";

export interface BootstrapResult {
  workspaceId: string;
  /** Credentials created just now and never retrievable again: print them once. */
  generated: { adminEmail?: string; adminPassword?: string; adminApiKey?: string };
}

/**
 * The default workspace, the first admin (ADMIN_EMAIL/ADMIN_PASSWORD) and the bootstrap API key
 * (BOOTSTRAP_ADMIN_API_KEY). With `generateMissing`, a workspace without any admin user or admin key
 * gets fresh ones, returned so the caller can show them once.
 */
export async function ensureBootstrap(db: Database, bootstrap: Config["bootstrap"], opts: { generateMissing: boolean }): Promise<BootstrapResult> {
  const { id: workspaceId } = await ensureWorkspace(db, DEFAULT_WORKSPACE_SLUG, "Default workspace");
  const generated: BootstrapResult["generated"] = {};
  const admins = await countAdmins(db, workspaceId);

  let adminEmail = bootstrap.adminEmail;
  let adminPassword = bootstrap.adminPassword;
  if (!adminEmail && opts.generateMissing && admins.users === 0) {
    adminEmail = GENERATED_ADMIN_EMAIL;
    adminPassword = generatePassword();
    generated.adminEmail = adminEmail;
    generated.adminPassword = adminPassword;
  }
  if (adminEmail && adminPassword && !(await findUserByEmail(db, adminEmail))) {
    const user = await insertUser(db, { email: adminEmail, name: "Admin", passwordHash: await hashPassword(adminPassword) });
    await ensureMembership(db, workspaceId, user.id, "admin");
  }

  if (bootstrap.adminApiKey) {
    const key = bootstrap.adminApiKey;
    await ensureApiKey(db, { workspaceId, name: "bootstrap", role: "admin", keyHash: hashApiKey(key), prefix: displayPrefix(key) });
  } else if (opts.generateMissing && admins.apiKeys === 0) {
    const key = generateApiKey();
    await insertApiKey(db, { workspaceId, name: "demo admin", role: "admin", keyHash: hashApiKey(key), prefix: displayPrefix(key) });
    generated.adminApiKey = key;
  }
  return { workspaceId, generated };
}
