// npm run graphql:manifest (also before every build) — hashes the dashboard's operations in
// lib/graphql/operations/*.graphql into lib/graphql/manifest.json, validating each against the
// schema. With --check it only verifies that the committed manifest is current (exit 1 if not).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildManifest, MANIFEST_FILE, ManifestError, OPERATIONS_DIR, readOperationFiles, serializeManifest } from "@/lib/graphql/manifest-build";

const root = process.cwd();
let text: string;
try {
  text = serializeManifest(buildManifest(readOperationFiles(path.join(root, OPERATIONS_DIR))));
} catch (error) {
  if (!(error instanceof ManifestError)) throw error;
  console.error(`graphql manifest: ${error.message}`);
  process.exit(1);
}
const target = path.join(root, MANIFEST_FILE);
const count = (JSON.parse(text) as { operations: unknown[] }).operations.length;
if (process.argv.includes("--check")) {
  const current = readFileSync(target, "utf8");
  if (current !== text) {
    console.error(`graphql manifest: ${MANIFEST_FILE} is out of date; run npm run graphql:manifest`);
    process.exit(1);
  }
  console.log(`graphql manifest: ${count} operations, up to date`);
} else {
  writeFileSync(target, text);
  console.log(`graphql manifest: ${count} operations written to ${MANIFEST_FILE}`);
}
