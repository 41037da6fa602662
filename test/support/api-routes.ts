// The route handlers that exist on disk: every app/api/**/route.ts and the HTTP methods it exports,
// with the path template Next.js serves it at ("[asin]" → "{asin}", route groups dropped).
import { readdirSync } from "node:fs";
import path from "node:path";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface DiscoveredRoute {
  /** Relative to the project root, e.g. app/api/v1/products/[asin]/route.ts */
  file: string;
  /** OpenAPI-style template, e.g. /api/v1/products/{asin} */
  path: string;
  method: string;
  /** Names of the dynamic segments, in order. */
  params: string[];
  handler: Handler;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const ROOT = path.resolve(import.meta.dirname, "../..");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

function templateOf(file: string): { path: string; params: string[] } {
  const params: string[] = [];
  const segments = path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => {
      // "[asin]" is one segment, "[...nextauth]" a catch-all: both become a named parameter.
      const dynamic = /^\[(?:\.\.\.)?(.+)\]$/.exec(s);
      if (!dynamic) return s;
      params.push(dynamic[1]!);
      return `{${dynamic[1]}}`;
    });
  return { path: `/${segments.join("/")}`, params };
}

/** Every method handler under app/<under> (default app/api/v1), imported as Next.js would load it. */
export async function discoverRoutes(under = "api/v1"): Promise<DiscoveredRoute[]> {
  const routes: DiscoveredRoute[] = [];
  for (const file of routeFiles(path.join(ROOT, "app", under)).sort()) {
    const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const { path: template, params } = templateOf(file);
    for (const method of METHODS) {
      if (typeof module[method] === "function") routes.push({ file: path.relative(ROOT, file), path: template, method, params, handler: module[method] as Handler });
    }
  }
  return routes;
}
