// npm run db:migrate — apply the committed migrations to the configured database.
import { migrateDatabase, openDatabase } from "@/db/client";
import { config } from "@/lib/config/env";

const cfg = config();
const handle = await openDatabase(cfg.database);
await migrateDatabase(handle);
await handle.close();
console.log(`migrations applied (${handle.kind}${cfg.database.kind === "pglite" ? ` at ${cfg.database.dir}` : ""})`);
