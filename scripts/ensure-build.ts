import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "db", "jobs", "public", "next.config.ts", "package.json", "instrumentation.ts", "tsconfig.json"];

function newestMtime(p: string): number {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(p).reduce((max, entry) => Math.max(max, newestMtime(path.join(p, entry))), 0);
}

/** Runs `next build` when there is no production build or a source file is newer than it. */
export function ensureBuild(opts: { skipIfPresent?: boolean } = {}): void {
  const buildId = path.join(".next", "BUILD_ID");
  if (existsSync(buildId)) {
    if (opts.skipIfPresent) return;
    const newest = SOURCES.filter((p) => existsSync(p)).reduce((max, p) => Math.max(max, newestMtime(p)), 0);
    if (statSync(buildId).mtimeMs >= newest) return;
  }
  console.log("Building the production bundle (next build)…");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
