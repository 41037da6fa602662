import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateDatabase, openDatabase, setDatabaseHandle, type DatabaseHandle } from "@/db/client";
import { config } from "@/lib/config/env";

const GLOBAL_KEY = Symbol.for("shelfwatch.test-database");
type GlobalWithTestDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<DatabaseHandle> };

/**
 * The worker's database: a fresh Postgres database (created from DATABASE_URL, dropped at exit)
 * when the environment names one (dropped by the global teardown), else an in-memory PGlite. Migrated, and installed as the
 * process-wide handle so code under test uses it.
 */
export function testDatabase(): Promise<DatabaseHandle> {
  const g = globalThis as GlobalWithTestDb;
  g[GLOBAL_KEY] ??= (async () => {
    const target = config().database;
    let handle: DatabaseHandle;
    if (target.kind === "postgres") {
      const run = process.env.SHELFWATCH_TEST_RUN ?? randomBytes(4).toString("hex");
      const name = `shelfwatch_test_${run}_${process.pid}`;
      const admin = new pg.Client({ connectionString: target.url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(target.url);
      url.pathname = `/${name}`;
      handle = await openDatabase({ ...target, url: url.toString() });
    } else {
      handle = await openDatabase({ kind: "pglite-memory" });
    }
    await migrateDatabase(handle);
    setDatabaseHandle(handle);
    return handle;
  })();
  return g[GLOBAL_KEY];
}
