import { ApifyClient, type ActorRun } from "apify-client";
import type { Config } from "@/lib/config/env";
import { MARKETPLACES, type Marketplace } from "@/lib/products/marketplaces";
import type { ProductSource } from "./source";

export type ApifySourceConfig = Extract<Config["source"], { kind: "apify" }>;

export interface ApifySourceOptions {
  /**
   * The actor run's own timeout. Apify stops (and stops billing) a run at this point, so a chunk
   * that gives up never leaves a run scraping for nobody.
   */
  runTimeoutSecs?: number;
  /** How long a fetch waits for the run; a little past the run timeout to see its final status. */
  waitSecs?: number;
  /** Dataset items per page when reading the results. */
  pageSize?: number;
}

const DEFAULT_RUN_TIMEOUT_SECS = 300;
const WAIT_SLACK_SECS = 30;
const DEFAULT_PAGE_SIZE = 1000;
const TERMINAL_STATUSES = new Set(["SUCCEEDED", "FAILED", "ABORTED", "TIMED-OUT"]);

/** junglee/amazon-crawler input for product pages: one item per URL, no offer pages, no variants. */
function defaultInput(productUrls: { url: string }[]): Record<string, unknown> {
  return {
    categoryOrProductUrls: productUrls,
    maxItemsPerStartUrl: 1,
    proxyCountry: "AUTO_SELECT_PROXY_COUNTRY",
    maxOffers: 0,
    scrapeProductDetails: true,
    scrapeProductVariantPrices: false,
    maxProductVariantsAsSeparateResults: 0,
  };
}

export function productUrl(asin: string, marketplace: Marketplace): string {
  return `https://www.${MARKETPLACES[marketplace].domain}/dp/${asin}`;
}

/** Replaces every string that is exactly a placeholder, at any depth; other strings stay as written. */
function substitute(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === "string") return Object.hasOwn(vars, value) ? vars[value] : value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  }
  return value;
}

/**
 * The actor input for one chunk. APIFY_INPUT_TEMPLATE (JSON) replaces the default input for other
 * actors or settings; its strings "{{productUrls}}" and "{{asins}}" become this chunk's
 * `[{ url }]` list and ASIN list.
 */
export function buildActorInput(template: string | undefined, asins: string[], marketplace: Marketplace): unknown {
  const productUrls = asins.map((asin) => ({ url: productUrl(asin, marketplace) }));
  if (!template) return defaultInput(productUrls);
  return substitute(JSON.parse(template), { "{{productUrls}}": productUrls, "{{asins}}": asins });
}

/** Waits for a run we started; a run that did not end in time is aborted so it stops billing. */
async function finishedRun(client: ApifyClient, run: ActorRun, waitSecs: number): Promise<ActorRun> {
  const finished = TERMINAL_STATUSES.has(run.status) ? run : await client.run(run.id).waitForFinish({ waitSecs });
  if (!TERMINAL_STATUSES.has(finished.status)) {
    await client.run(run.id).abort().catch(() => undefined);
    throw new Error(`Apify run ${run.id} was still ${finished.status} after ${waitSecs} s; aborted it`);
  }
  if (finished.status !== "SUCCEEDED") {
    const why = finished.statusMessage ? `: ${finished.statusMessage}` : "";
    throw new Error(`Apify run ${run.id} ended ${finished.status}${why}`);
  }
  return finished;
}

/**
 * Product data from an Apify actor (junglee/amazon-crawler by default): one actor run per chunk,
 * all of its default dataset read back. A run that fails, aborts or times out throws, and the
 * queue retries the chunk.
 */
export function createApifySource(cfg: ApifySourceConfig, opts: ApifySourceOptions = {}): ProductSource {
  const client = new ApifyClient({ token: cfg.token, ...(cfg.baseUrl ? { baseUrl: cfg.baseUrl } : {}) });
  const runTimeoutSecs = opts.runTimeoutSecs ?? DEFAULT_RUN_TIMEOUT_SECS;
  const waitSecs = opts.waitSecs ?? runTimeoutSecs + WAIT_SLACK_SECS;
  const estimateCostUsd = (asinCount: number) => asinCount * cfg.usdPerItemEstimate;

  return {
    name: "apify",
    estimateCostUsd,
    async fetch({ asins, marketplace }) {
      if (asins.length === 0) return { items: [], costUsd: 0 };
      const input = buildActorInput(cfg.inputTemplate, asins, marketplace);
      // start + our own wait rather than call(): call() also streams the run's log to the console.
      const started = await client.actor(cfg.actor).start(input, {
        timeout: runTimeoutSecs,
        // Pay-per-result actors charge per dataset item: never pay for more than we asked for.
        maxItems: asins.length,
      });
      const run = await finishedRun(client, started, waitSecs);

      const items: unknown[] = [];
      // The async iterator walks every page (offset/limit), not just the first one.
      const pages = client.dataset(run.defaultDatasetId).listItems({ skipHidden: true, chunkSize: opts.pageSize ?? DEFAULT_PAGE_SIZE });
      for await (const item of pages) items.push(item);
      return { items, costUsd: run.usageTotalUsd ?? estimateCostUsd(asins.length) };
    },
  };
}
