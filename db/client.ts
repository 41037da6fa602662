import "server-only";
import path from "node:path";
import { mkdirSync } from "node:fs";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { config, type Config } from "@/lib/config/env";
import * as schema from "./schema";

/** One typed handle for both drivers (a union of the two driver types is not callable). */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  /** Bulk load: `copy <table> (<columns>) from stdin` fed with CSV text. */
  copyCsv(table: string, columns: string[], csv: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens the database the configuration names: node-postgres for a URL, PGlite otherwise. */
export async function openDatabase(target: Config["database"] | { kind: "pglite-memory" }): Promise<DatabaseHandle> {
  if (target.kind === "postgres") {
    const [{ Pool }, { drizzle }] = await Promise.all([import("pg"), import("drizzle-orm/node-postgres")]);
    const pool = new Pool({ connectionString: target.url, max: target.poolSize, idleTimeoutMillis: 30_000 });
    // A dropped idle connection must not crash the process; the pool replaces it.
    pool.on("error", () => {});
    // A checked-out client (a transaction) has no pool listener: when its backend is terminated the
    // 'error' event would be uncaught and end the process. The running query rejects anyway.
    pool.on("connect", (client) => client.on("error", () => {}));
    const db = drizzle({ client: pool, schema }) as unknown as Database;
    const copyCsv = async (table: string, columns: string[], csv: string) => {
      const [{ from }, { pipeline }, { Readable }] = await Promise.all([import("pg-copy-streams"), import("node:stream/promises"), import("node:stream")]);
      const client = await pool.connect();
      try {
        await pipeline(Readable.from([csv]), client.query(from(`copy ${table} (${columns.join(", ")}) from stdin with (format csv)`)));
      } finally {
        client.release();
      }
    };
    return { db, kind: "postgres", copyCsv, close: () => pool.end() };
  }
  const [{ PGlite }, { drizzle }] = await Promise.all([import("@electric-sql/pglite"), import("drizzle-orm/pglite")]);
  let dataDir = "memory://";
  if (target.kind === "pglite") {
    mkdirSync(target.dir, { recursive: true });
    dataDir = target.dir;
  }
  const client = await PGlite.create(dataDir);
  const db = drizzle({ client, schema }) as unknown as Database;
  const copyCsv = async (table: string, columns: string[], csv: string) => {
    // PGlite reads COPY input from a Blob bound to the virtual file /dev/blob.
    await client.query(`copy ${table} (${columns.join(", ")}) from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) });
  };
  return { db, kind: "pglite", copyCsv, close: () => client.close() };
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Applies committed migrations; on a shared Postgres an advisory lock keeps two starting instances apart. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const migrationsFolder = MIGRATIONS_FOLDER;
  if (handle.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(7204418519)`);
      await migrate(tx as never, { migrationsFolder });
    });
    return;
  }
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await migrate(handle.db as never, { migrationsFolder });
}

const GLOBAL_KEY = Symbol.for("shelfwatch.database");
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<DatabaseHandle> };

/**
 * The process-wide database, opened and migrated once. Kept on globalThis because Next.js may load
 * this module more than once, and a file-backed PGlite must only be opened by one owner.
 */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  const g = globalThis as GlobalWithDb;
  g[GLOBAL_KEY] ??= (async () => {
    const handle = await openDatabase(config().database);
    await migrateDatabase(handle);
    return handle;
  })().catch((error) => {
    delete g[GLOBAL_KEY];
    throw error;
  });
  return g[GLOBAL_KEY];
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/** Replaces the process-wide database (tests, scripts that open their own). */
export function setDatabaseHandle(handle: DatabaseHandle): void {
  (globalThis as GlobalWithDb)[GLOBAL_KEY] = Promise.resolve(handle);
}

/** Rows of a raw statement; both drivers return `{ rows }`. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export { schema };
