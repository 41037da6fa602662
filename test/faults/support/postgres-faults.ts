// Postgres faults caused from a second connection, as an operator, a failover or a slow
// transaction would cause them.
import pg from "pg";

export interface BackendKiller {
  /** Backends terminated so far. */
  readonly killed: number;
  stop(): Promise<void>;
}

/**
 * Every `everyMs`, terminates the database's backends that are running a statement or sit inside a
 * transaction (so each kill lands in the middle of work, not on an idle pooled connection), until
 * `maxKills` backends have been terminated. `maxKills` below the pipeline's attempt budget keeps the
 * test about recovery, not about giving up.
 */
export async function killBackendsPeriodically(adminUrl: string, opts: { database: string; everyMs: number; maxKills: number }): Promise<BackendKiller> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  let killed = 0;
  let running = true;
  const loop = (async () => {
    while (running && killed < opts.maxKills) {
      const { rows } = await client.query<{ terminated: boolean }>(
        `select pg_terminate_backend(pid) as terminated from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid() and state in ('active', 'idle in transaction')
            and backend_type = 'client backend' limit $2`,
        [opts.database, opts.maxKills - killed],
      );
      killed += rows.filter((r) => r.terminated).length;
      await new Promise((resolve) => setTimeout(resolve, opts.everyMs));
    }
  })();
  return {
    get killed() {
      return killed;
    },
    async stop() {
      running = false;
      await loop;
      await client.end();
    },
  };
}

/** The URL of another database on the DATABASE_URL server. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Holds an EXCLUSIVE lock on a table from its own connection (reads pass, writes wait), so a test
 * can stop a job at the write of that table. `waiting()` counts sessions blocked on a lock.
 */
export async function holdTableLock(url: string, table: string): Promise<{ waiting(): Promise<number>; release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("begin");
  await client.query(`lock table ${table} in exclusive mode`);
  return {
    async waiting() {
      const { rows } = await client.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      return rows[0]!.n;
    },
    async release() {
      await client.query("rollback");
      await client.end();
    },
  };
}
