import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeApifyItem } from "@/lib/products/normalize";
import { startApifyApiServer, type ActorOutcome, type ApifyApiServer } from "@/test/support/apify-api-server";
import { buildActorInput, createApifySource, type ApifySourceConfig } from "./apify-source";

// The real apify-client against a local server speaking the Apify API v2: nothing inside the
// client is mocked, so its URLs, envelopes, compression and pagination are what is exercised.
const FIXTURES = path.resolve(import.meta.dirname, "../../test/fixtures/apify");
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8"));
const full = fixture("junglee-amazon-crawler.json") as Record<string, unknown>;
const overview = fixture("junglee-amazon-crawler.overview-fields.json") as Record<string, unknown>[];
const records = [full, ...overview];

const TOKEN = "apify_api_test_token";
let server: ApifyApiServer;
/** What the next run of each actor does; tests set it before fetching. */
let next: (input: unknown) => ActorOutcome;

/** Like the real actor: one stored item per requested product page that exists. */
function scrapeKnown(extra: Partial<ActorOutcome> = {}) {
  return (input: unknown): ActorOutcome => {
    const urls = ((input as { categoryOrProductUrls: { url: string }[] }).categoryOrProductUrls ?? []).map((u) => u.url);
    const asins = urls.map((url) => url.split("/dp/")[1]);
    return { items: records.filter((r) => asins.includes(r.asin as string)), usageTotalUsd: 0.0123, ...extra };
  };
}

beforeAll(async () => {
  server = await startApifyApiServer({
    token: TOKEN,
    actors: { "junglee/amazon-crawler": (input) => next(input), "someone/other-actor": (input) => next(input) },
  });
});

afterAll(() => server.close());

const cfg = (overrides: Partial<ApifySourceConfig> = {}): ApifySourceConfig => ({
  kind: "apify",
  token: TOKEN,
  baseUrl: server.url,
  actor: "junglee/amazon-crawler",
  usdPerItemEstimate: 0.004,
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the fetch to fail");
}

describe("createApifySource", () => {
  it("runs the actor on the chunk's product URLs and reads every page of its dataset", async () => {
    next = scrapeKnown();
    const asins = overview.map((r) => r.asin as string);
    const before = server.requests.length;
    const source = createApifySource(cfg(), { pageSize: 2 });
    const result = await source.fetch({ asins, marketplace: "CA", date: "2025-04-16" });

    expect(result.items).toEqual(overview);
    expect(result.costUsd).toBe(0.0123);
    for (const item of result.items) {
      const normalized = normalizeApifyItem(item, { date: "2025-04-16", marketplace: "CA" });
      expect(normalized).toMatchObject({ ok: true, product: { marketplace: "CA" } });
    }

    const run = server.runs.at(-1)!;
    expect(run.path).toBe("/v2/actors/junglee~amazon-crawler/runs");
    expect(run.input).toEqual({
      categoryOrProductUrls: asins.map((asin) => ({ url: `https://www.amazon.ca/dp/${asin}` })),
      maxItemsPerStartUrl: 1,
      proxyCountry: "AUTO_SELECT_PROXY_COUNTRY",
      maxOffers: 0,
      scrapeProductDetails: true,
      scrapeProductVariantPrices: false,
      maxProductVariantsAsSeparateResults: 0,
    });
    expect(run.query).toMatchObject({ timeout: "300", maxItems: "3" });
    const itemPages = server.requests
      .slice(before)
      .filter((r) => r.includes("/items"))
      .map((r) => new URL(r.split(" ")[1]!, "http://x").searchParams);
    expect(itemPages.map((q) => [q.get("offset"), q.get("limit")])).toEqual([[null, "2"], ["2", "1"]]);
  });

  it("returns the full amazon.com.au record as stored, minus hidden fields, and it normalizes", async () => {
    next = (input) => ({ ...scrapeKnown()(input), items: [{ ...full, "#debug": { requestId: "x" } }] });
    const result = await createApifySource(cfg()).fetch({ asins: ["B0D3V6Y38G"], marketplace: "AU", date: "2026-05-02" });

    expect(result.items).toEqual([full]);
    const normalized = normalizeApifyItem(result.items[0], { date: "2026-05-02", marketplace: "AU" });
    if (!normalized.ok) throw new Error(normalized.error);
    expect(normalized.metrics).toMatchObject({ asin: "B0D3V6Y38G", marketplace: "AU", currency: "AUD", priceCents: 3995, bsr: 28, reviews: 23642 });
  });

  it("sends a large chunk's input compressed, and the server reads it back intact", async () => {
    next = scrapeKnown();
    const asins = Array.from({ length: 40 }, (_, i) => `B0TEST${String(i).padStart(4, "0")}`);
    const result = await createApifySource(cfg()).fetch({ asins, marketplace: "DE", date: "2026-06-01" });

    expect(result.items).toEqual([]);
    const run = server.runs.at(-1)!;
    expect(run.contentEncoding).toMatch(/^(br|gzip)$/);
    expect((run.input as { categoryOrProductUrls: unknown[] }).categoryOrProductUrls).toEqual(asins.map((asin) => ({ url: `https://www.amazon.de/dp/${asin}` })));
  });

  it("fills an input template: exact placeholder strings only, at any depth", async () => {
    next = scrapeKnown();
    const template = JSON.stringify({
      startUrls: "{{productUrls}}",
      search: { ids: "{{asins}}", note: "{{asins}} stays text", lists: [["{{asins}}"], 3, null, true] },
      country: "UK",
    });
    await createApifySource(cfg({ actor: "someone/other-actor", inputTemplate: template })).fetch({ asins: ["B000000001", "B000000002"], marketplace: "UK", date: "2026-06-01" });

    const run = server.runs.at(-1)!;
    expect(run.path).toBe("/v2/actors/someone~other-actor/runs");
    expect(run.input).toEqual({
      startUrls: [{ url: "https://www.amazon.co.uk/dp/B000000001" }, { url: "https://www.amazon.co.uk/dp/B000000002" }],
      search: { ids: ["B000000001", "B000000002"], note: "{{asins}} stays text", lists: [[["B000000001", "B000000002"]], 3, null, true] },
      country: "UK",
    });
    expect(buildActorInput(undefined, ["B000000001"], "JP")).toMatchObject({ categoryOrProductUrls: [{ url: "https://www.amazon.co.jp/dp/B000000001" }] });
  });

  it.each(["FAILED", "ABORTED"] as const)("throws naming the run and its status when the run ends %s", async (status) => {
    next = scrapeKnown({ status, statusMessage: "Crawler crashed", durationMs: 50 });
    const error = await failure(createApifySource(cfg()).fetch({ asins: ["B0D3V6Y38G"], marketplace: "AU", date: "2026-05-02" }));
    const run = server.runs.at(-1)!;
    expect(error.message).toBe(`Apify run ${run.id} ended ${status}: Crawler crashed`);
  });

  it("gives the run our timeout, so a slow run ends TIMED-OUT on the platform and the fetch throws", async () => {
    next = scrapeKnown({ durationMs: 5_000 });
    const error = await failure(createApifySource(cfg(), { runTimeoutSecs: 1 }).fetch({ asins: ["B0D3V6Y38G"], marketplace: "AU", date: "2026-05-02" }));
    const run = server.runs.at(-1)!;
    expect(run.query.timeout).toBe("1");
    expect(error.message).toMatch(new RegExp(`^Apify run ${run.id} ended TIMED-OUT`));
  });

  it("aborts a run that is still going when it stops waiting", async () => {
    next = scrapeKnown({ durationMs: 10_000 });
    const error = await failure(createApifySource(cfg(), { runTimeoutSecs: 60, waitSecs: 1 }).fetch({ asins: ["B0D3V6Y38G"], marketplace: "AU", date: "2026-05-02" }));
    const run = server.runs.at(-1)!;
    expect(error.message).toBe(`Apify run ${run.id} was still RUNNING after 1 s; aborted it`);
    expect(server.aborted).toContain(run.id);
  });

  it("falls back to the per-item estimate when the run reports no cost", async () => {
    next = scrapeKnown({ usageTotalUsd: undefined });
    const source = createApifySource(cfg());
    const result = await source.fetch({ asins: ["B0D3V6Y38G", "B07ZJFP532"], marketplace: "AU", date: "2026-05-02" });
    expect(result.costUsd).toBeCloseTo(0.008);
    expect(source.estimateCostUsd(250)).toBeCloseTo(1);
  });

  it("fails without retrying on a rejected token, and starts no run for an empty chunk", async () => {
    next = scrapeKnown();
    const runsBefore = server.runs.length;
    const requestsBefore = server.requests.length;
    const error = await failure(createApifySource(cfg({ token: "wrong" })).fetch({ asins: ["B0D3V6Y38G"], marketplace: "AU", date: "2026-05-02" }));
    expect(error.message).toMatch(/token is not valid/);
    expect(server.requests.length - requestsBefore).toBe(1);

    expect(await createApifySource(cfg()).fetch({ asins: [], marketplace: "AU", date: "2026-05-02" })).toEqual({ items: [], costUsd: 0 });
    expect(server.runs.length).toBe(runsBefore);
  });
});
