// docs/performance.json holds the latest measured figures of the load, soak and scale benchmarks,
// one section each; docs/performance.svg is drawn from it (scripts/performance-chart.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const PERFORMANCE_FILE = path.join("docs", "performance.json");
/** The last load result, whose 70 % rate is the soak's default. */
export const LOAD_RESULT_FILE = path.join("bench", "output", "load.json");

/** Where and when a figure was measured, so a reader can judge it. */
export function machine() {
  return { measured_at: new Date().toISOString(), cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? "unknown", node: process.version };
}

/** Milliseconds to 0.1 ms, as the figures are stored. */
export const roundMs = (ms: number) => Math.round(ms * 10) / 10;

export function readPerformance(): Record<string, unknown> {
  return existsSync(PERFORMANCE_FILE) ? (JSON.parse(readFileSync(PERFORMANCE_FILE, "utf8")) as Record<string, unknown>) : {};
}

/** Replaces one section of docs/performance.json, keeping the others. */
export function recordPerformance(section: "load" | "soak" | "scale", figures: unknown): void {
  const all = readPerformance();
  all[section] = figures;
  mkdirSync(path.dirname(PERFORMANCE_FILE), { recursive: true });
  writeFileSync(PERFORMANCE_FILE, `${JSON.stringify(all, null, 2)}\n`);
}
