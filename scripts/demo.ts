// npm run demo — build if needed, migrate, seed the demo workspace (~200 ASINs, 90 days ending
// yesterday), print fresh credentials once, then serve the production build on PORT.
import { spawn } from "node:child_process";
import { migrateDatabase, openDatabase } from "@/db/client";
import { ensureBootstrap } from "@/lib/bootstrap/ensure-bootstrap";
import { bumpVersion } from "@/lib/cache/data-version";
import { config } from "@/lib/config/env";
import { addDays, todayUtc } from "@/lib/dates";
import { seedDemo } from "@/lib/demo/seed-demo";
import { ensureBuild } from "./ensure-build";

const DEMO_PRODUCTS = 200;
const DEMO_DAYS = 90;

async function seed(): Promise<void> {
  const cfg = config();
  const handle = await openDatabase(cfg.database);
  try {
    await migrateDatabase(handle);
    const { workspaceId, generated } = await ensureBootstrap(handle.db, cfg.bootstrap, { generateMissing: true });
    const endDate = addDays(todayUtc(), -1);
    const started = Date.now();
    const result = await seedDemo(handle.db, {
      workspaceId,
      products: DEMO_PRODUCTS,
      days: DEMO_DAYS,
      endDate,
      onDay: (date, i, total) => process.stdout.write(`\rSeeding demo history: ${i + 1}/${total} days (${date})`),
    });
    if (result.daysWritten > 0) {
      process.stdout.write(`\nSeeded ${result.daysWritten} days × ${DEMO_PRODUCTS} products in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      await bumpVersion("data");
    } else {
      console.log(`Demo history is up to date through ${endDate}.`);
    }
    if (generated.adminApiKey || generated.adminPassword) {
      console.log("\n  Save these now — they are stored hashed and will not be shown again:");
      if (generated.adminEmail) console.log(`    dashboard admin: ${generated.adminEmail} / ${generated.adminPassword}`);
      if (generated.adminApiKey) console.log(`    admin API key:   ${generated.adminApiKey}`);
      console.log("");
    }
  } finally {
    // A file-backed PGlite has one owner at a time: release it before the server opens it.
    await handle.close();
  }
}

ensureBuild({ skipIfPresent: process.argv.includes("--no-build") });
await seed();
const port = String(config().port);
console.log(`Shelfwatch on http://localhost:${port}`);
const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
