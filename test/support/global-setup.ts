// Runs once in the main vitest process. Each worker creates its own database named after this run;
// teardown drops them all, so repeated runs on one Postgres leave nothing behind.
import { randomBytes } from "node:crypto";
import pg from "pg";

export function setup(): () => Promise<void> {
  const run = randomBytes(4).toString("hex");
  process.env.SHELFWATCH_TEST_RUN = run;
  return async () => {
    const url = process.env.DATABASE_URL ?? process.env.POSTGRES_URL;
    if (!url) return;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [`shelfwatch_test_${run}_%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  };
}
