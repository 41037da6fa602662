import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "@/db/client";
import { config } from "@/lib/config/env";

/**
 * A private, migrated database for one benchmark run on the configured engine: a fresh database
 * on the DATABASE_URL server (dropped afterwards), else a file-backed PGlite in a temp directory.
 */
export async function benchDatabase(): Promise<{ handle: DatabaseHandle; label: string; dispose(): Promise<void> }> {
  const target = config().database;
  if (target.kind === "postgres") {
    const name = `shelfwatch_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(target.url);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ ...target, url: url.toString() });
    await migrateDatabase(handle);
    return {
      handle,
      label: `Postgres (${url.host}, fresh database ${name})`,
      async dispose() {
        await handle.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "shelfwatch-bench-etl-"));
  const handle = await openDatabase({ kind: "pglite", dir: path.join(dir, "pglite") });
  await migrateDatabase(handle);
  return { handle, label: "embedded PGlite (file-backed)", dispose: () => handle.close() };
}
