// Test-only stand-in for the Apify API v2: the endpoints apify-client 2.25 calls to start an actor,
// wait for its run and page through its dataset, with the same wire details (Bearer token, "~" in
// actor ids, { data } envelopes, brotli/gzip request bodies, X-Apify-Pagination-* headers).
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

export type RunStatus = "SUCCEEDED" | "FAILED" | "ABORTED" | "TIMED-OUT";

/** What an actor does with one input: how it ends, what it stores, how long it takes. */
export interface ActorOutcome {
  status?: RunStatus;
  items?: unknown[];
  /** Omitted: the run object carries no usageTotalUsd (as for runs still being billed). */
  usageTotalUsd?: number;
  statusMessage?: string;
  durationMs?: number;
}

export interface RecordedRun {
  id: string;
  actorId: string;
  /** The request path, e.g. /v2/actors/junglee~amazon-crawler/runs. */
  path: string;
  input: unknown;
  contentEncoding: string | null;
  query: Record<string, string>;
}

export interface ApifyApiServer {
  url: string;
  token: string;
  runs: RecordedRun[];
  aborted: string[];
  /** Every request as "METHOD /path?query", in order. */
  requests: string[];
  close(): Promise<void>;
}

interface Run {
  id: string;
  actId: string;
  status: string;
  statusMessage?: string;
  startedAt: string;
  finishedAt: string | null;
  defaultDatasetId: string;
  defaultKeyValueStoreId: string;
  defaultRequestQueueId: string;
  usageTotalUsd?: number;
  finalStatus: RunStatus;
  endsAt: number;
}

// The API caps one waitForFinish request at 60 s; clients poll again after that.
const MAX_WAIT_FOR_FINISH_SECS = 60;

const apifyId = () => randomBytes(12).toString("base64url").replace(/[-_]/g, "x").slice(0, 17);

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

function apiError(res: ServerResponse, status: number, type: string, message: string): void {
  send(res, status, { error: { type, message } });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  // The client compresses request bodies of 1 KiB and more (brotli, else gzip).
  switch (req.headers["content-encoding"]) {
    case "br":
      return brotliDecompressSync(raw);
    case "gzip":
      return gunzipSync(raw);
    case "deflate":
      return inflateSync(raw);
    default:
      return raw;
  }
}

const flag = (value: string | null) => value === "1" || value === "true";

/**
 * `actors` maps an actor id ("user/name" or a raw id) to what its runs do with their input.
 * Runs move from RUNNING to their final status after `durationMs`; a run timeout (`timeout`
 * query parameter) shorter than that ends the run TIMED-OUT, as on the platform.
 */
export async function startApifyApiServer(opts: { token: string; actors: Record<string, (input: unknown) => ActorOutcome> }): Promise<ApifyApiServer> {
  const runs = new Map<string, Run>();
  const datasets = new Map<string, unknown[]>();
  const recorded: RecordedRun[] = [];
  const aborted: string[] = [];
  const requests: string[] = [];

  const settle = (run: Run) => {
    if (run.finishedAt === null && Date.now() >= run.endsAt) {
      run.status = run.finalStatus;
      run.finishedAt = new Date(run.endsAt).toISOString();
    }
    return run;
  };
  const publicRun = (run: Run) => {
    const { finalStatus: _final, endsAt: _ends, ...visible } = settle(run);
    return { ...visible, meta: { origin: "API" } };
  };

  async function startRun(req: IncomingMessage, res: ServerResponse, url: URL, safeId: string): Promise<void> {
    // apify-client writes "user/name" as "user~name" so the id stays one path segment.
    const actorId = decodeURIComponent(safeId).replace("~", "/");
    const actor = opts.actors[actorId];
    if (!actor) return apiError(res, 404, "record-not-found", `Actor ${actorId} was not found`);
    const body = await readBody(req);
    const input: unknown = body.length ? JSON.parse(body.toString("utf8")) : null;
    const outcome = actor(input);
    const query = Object.fromEntries(url.searchParams);
    const id = apifyId();
    const now = Date.now();
    const durationMs = outcome.durationMs ?? 0;
    const timeoutMs = query.timeout ? Number(query.timeout) * 1000 : Infinity;
    const timedOut = timeoutMs > 0 && durationMs > timeoutMs;
    const run: Run = {
      id,
      actId: actorId,
      status: "RUNNING",
      statusMessage: timedOut ? "The Actor run has timed out." : outcome.statusMessage,
      startedAt: new Date(now).toISOString(),
      finishedAt: null,
      defaultDatasetId: apifyId(),
      defaultKeyValueStoreId: apifyId(),
      defaultRequestQueueId: apifyId(),
      usageTotalUsd: outcome.usageTotalUsd,
      finalStatus: timedOut ? "TIMED-OUT" : (outcome.status ?? "SUCCEEDED"),
      endsAt: now + (timedOut ? timeoutMs : durationMs),
    };
    runs.set(id, run);
    datasets.set(run.defaultDatasetId, outcome.items ?? []);
    recorded.push({ id, actorId, path: url.pathname, input, contentEncoding: req.headers["content-encoding"] ?? null, query });
    send(res, 201, { data: publicRun(run) });
  }

  async function getRun(res: ServerResponse, url: URL, id: string): Promise<void> {
    const run = runs.get(id);
    if (!run) return apiError(res, 404, "record-not-found", `Actor run ${id} was not found`);
    const waitMs = Math.min(Number(url.searchParams.get("waitForFinish") ?? 0), MAX_WAIT_FOR_FINISH_SECS) * 1000;
    const deadline = Date.now() + waitMs;
    while (settle(run).finishedAt === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(25, Math.max(1, run.endsAt - Date.now()))));
    }
    send(res, 200, { data: publicRun(run) });
  }

  function abortRun(res: ServerResponse, id: string): void {
    const run = runs.get(id);
    if (!run) return apiError(res, 404, "record-not-found", `Actor run ${id} was not found`);
    if (settle(run).finishedAt === null) {
      run.status = "ABORTED";
      run.finalStatus = "ABORTED";
      run.finishedAt = new Date().toISOString();
      run.endsAt = Date.now();
    }
    aborted.push(id);
    send(res, 200, { data: publicRun(run) });
  }

  function listItems(res: ServerResponse, url: URL, id: string): void {
    const all = datasets.get(id);
    if (!all) return apiError(res, 404, "record-not-found", `Dataset ${id} was not found`);
    const params = url.searchParams;
    const desc = flag(params.get("desc"));
    const offset = Number(params.get("offset") ?? 0);
    const limit = params.has("limit") ? Number(params.get("limit")) : 999_999_999_999;
    const ordered = desc ? [...all].reverse() : all;
    // Offset and limit count stored items; skipping happens inside the page (as on the platform).
    let page = ordered.slice(offset, offset + limit);
    const clean = flag(params.get("clean"));
    if (clean || flag(params.get("skipEmpty"))) page = page.filter((item) => !(item && typeof item === "object" && Object.keys(item).length === 0));
    if (clean || flag(params.get("skipHidden"))) {
      page = page.map((item) =>
        item && typeof item === "object" && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).filter(([key]) => !key.startsWith("#"))) : item,
      );
    }
    send(res, 200, page, {
      "X-Apify-Pagination-Total": String(all.length),
      "X-Apify-Pagination-Offset": String(offset),
      "X-Apify-Pagination-Limit": String(limit),
      "X-Apify-Pagination-Count": String(page.length),
      "X-Apify-Pagination-Desc": String(desc),
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    // The API also takes ?token=, but the client sends the Bearer header.
    if (req.headers.authorization !== `Bearer ${opts.token}`) {
      return apiError(res, 401, "token-not-valid", "Authentication token is not valid.");
    }
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts[0] !== "v2") return apiError(res, 404, "page-not-found", "Not found");
    const [, resource, id, sub, extra] = parts;
    // Both spellings exist: the API documents /v2/acts/…, apify-client 2.25 calls /v2/actors/….
    if ((resource === "acts" || resource === "actors") && id && sub === "runs" && !extra && req.method === "POST") return startRun(req, res, url, id);
    if (resource === "actor-runs" && id && !sub && req.method === "GET") return getRun(res, url, id);
    if (resource === "actor-runs" && id && sub === "abort" && req.method === "POST") return abortRun(res, id);
    if (resource === "datasets" && id && sub === "items" && req.method === "GET") return listItems(res, url, id);
    apiError(res, 404, "page-not-found", `No route for ${req.method} ${url.pathname}`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => apiError(res, 500, "internal-error", error instanceof Error ? error.message : String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token: opts.token,
    runs: recorded,
    aborted,
    requests,
    async close() {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      // apify-client keeps connections alive; close() would otherwise wait for them to idle out.
      server.closeAllConnections();
      await closed;
    },
  };
}
