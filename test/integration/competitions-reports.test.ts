import { and, eq } from "drizzle-orm";
import { simulateReadableStream } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as createCompetition } from "@/app/api/v1/competitions/route";
import { PATCH as patchCompetition } from "@/app/api/v1/competitions/[id]/route";
import { GET as listReports, POST as postReport } from "@/app/api/v1/competitions/[id]/reports/route";
import { GET as getReport } from "@/app/api/v1/reports/[id]/route";
import type { Database } from "@/db/client";
import { recordUsage } from "@/db/queries/usage";
import { deliveries, notificationChannels, reports, usageCosts } from "@/db/schema";
import { compareCompetitions } from "@/jobs/compare-competitions";
import { runJobWith } from "@/jobs/run-job";
import { scheduleWeeklyReports } from "@/jobs/weekly-reports";
import { addDays, todayUtc } from "@/lib/dates";
import { createModelWriter } from "@/lib/llm/model-writer";
import { setReportWriter } from "@/lib/llm/writer";
import { testDatabase } from "@/test/support/database";
import { callRoute } from "@/test/support/call-route";
import { createWorkspace, randomAsin, storeProduct } from "@/test/support/fixtures";
import { countingSource, recordingQueue, testPipeline } from "@/test/support/pipeline";

type Ws = Awaited<ReturnType<typeof createWorkspace>>;
const end = addDays(todayUtc(), -1);
const PRICING = { inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6 };

let db: Database;
let ws: Ws;
let main: string;
let cheap: string;
let competitionId: string;

/** A mock model that streams `text` in a few pieces and reports token usage, as a provider would. */
function mockModel(text: string, opts: { error?: string } = {}) {
  const pieces = text.match(/[\s\S]{1,40}/g) ?? [];
  return new MockLanguageModelV3({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunkDelayInMs: 1,
        chunks: [
          { type: "text-start" as const, id: "t" },
          ...pieces.map((delta) => ({ type: "text-delta" as const, id: "t", delta })),
          ...(opts.error
            ? [{ type: "error" as const, error: new Error(opts.error) }]
            : [
                { type: "text-end" as const, id: "t" },
                {
                  type: "finish" as const,
                  finishReason: { unified: "stop" as const, raw: "stop" },
                  usage: {
                    inputTokens: { total: 1000, noCache: 1000, cacheRead: 0, cacheWrite: 0 },
                    outputTokens: { total: 200, text: 200, reasoning: 0 },
                  },
                },
              ]),
        ],
      }),
    }),
  });
}

const useModel = (model: MockLanguageModelV3, pricing = PRICING) => setReportWriter(createModelWriter({ model, modelId: "mock-model", pricing }));

const post = (key: string, id = competitionId, accept?: string) =>
  callRoute(postReport, `/api/v1/competitions/${id}/reports`, { method: "POST", key, params: { id }, headers: accept ? { accept } : {} });
const read = async (id: string) => (await callRoute(getReport, `/api/v1/reports/${id}`, { key: ws.keys.viewer, params: { id } })).json();

/** Server-Sent Events of a finished response body, in order. */
async function events(res: Response): Promise<Array<{ event: string; data: Record<string, unknown> }>> {
  const text = await res.text();
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)![1]!;
      return { event, data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) };
    });
}

async function waitForReport(id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const report = await read(id);
    if (report.status === "succeeded" || report.status === "failed") return report;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`report ${id} did not finish`);
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  ws = await createWorkspace();
  main = await storeProduct({ end, days: 8, day: (i) => ({ priceCents: i === 7 ? 1999 : 2199, bsr: 850, reviews: 1200 }) });
  cheap = await storeProduct({ end, days: 8, day: () => ({ priceCents: 1749, bsr: 1200, rating: 4.6, reviews: 3400 }) });
  const res = await callRoute(createCompetition, "/api/v1/competitions", {
    method: "POST", key: ws.keys.analyst, headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Reports", main_asin: main, competitor_asins: [cheap] }),
  });
  competitionId = (await res.json()).id;
});

afterEach(() => setReportWriter(null));

describe("template writer (no OPENAI_API_KEY)", () => {
  it("answers 202 with an id, writes the report in the background and stores it with its facts", async () => {
    const res = await post(ws.keys.analyst);
    expect(res.status).toBe(202);
    const accepted = await res.json();
    expect(accepted).toMatchObject({ status: "pending", model: "template", trigger: "api" });
    expect(res.headers.get("location")).toBe(`/api/v1/reports/${accepted.id}`);

    const report = await waitForReport(accepted.id);
    expect(report).toMatchObject({ status: "succeeded", model: "template", flagged: false, input_tokens: 0, output_tokens: 0, cost_usd: 0 });
    expect(report.content).toContain(`Main product ${main}: price $19.99`);
    expect(report.content).toContain(`- ${cheap}: price $17.49`);
    expect(report.number_check).toMatchObject({ passed: true, unmatched: [] });
    expect(report.facts).toMatchObject({ as_of: end, currency: "USD" });
    expect((report.facts as { facts: Array<{ key: string; value: number; date: string }> }).facts).toContainEqual(
      expect.objectContaining({ key: `${cheap}.price_gap`, value: -250, date: end }),
    );

    const list = await (await callRoute(listReports, `/api/v1/competitions/${competitionId}/reports`, { key: ws.keys.viewer, params: { id: competitionId } })).json();
    expect(list.items[0]).toMatchObject({ id: accepted.id, status: "succeeded" });
    expect(list.items[0]).not.toHaveProperty("facts");
  });

  it("refuses a competition without comparison data yet with 409", async () => {
    const res = await callRoute(createCompetition, "/api/v1/competitions", {
      method: "POST", key: ws.keys.analyst, headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Empty", main_asin: randomAsin(), competitor_asins: [randomAsin()] }),
    });
    const refused = await post(ws.keys.analyst, (await res.json()).id);
    expect(refused.status).toBe(409);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("LLM writer through MockLanguageModelV3", () => {
  it("streams the report as text/event-stream and stores model, tokens, cost and a clean check", async () => {
    const text = `## Reports — ${end}\n\n${main} sells at $19.99 and ranks 2nd on price; ${cheap} is $2.50 cheaper (-12.51 %) with 3,400 reviews.\n`;
    const model = mockModel(text);
    useModel(model);
    const res = await post(ws.keys.analyst, competitionId, "text/event-stream");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const stream = await events(res);
    expect(stream[0]).toMatchObject({ event: "report", data: { model: "mock-model", status: "streaming" } });
    const deltas = stream.filter((e) => e.event === "delta");
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.map((e) => e.data.text).join("")).toBe(text);
    const done = stream.at(-1)!;
    expect(done).toMatchObject({ event: "done", data: { status: "succeeded", flagged: false, input_tokens: 1000, output_tokens: 200, cost_usd: 0.00027 } });

    // The model was given the facts table.
    const prompt = JSON.stringify(model.doStreamCalls[0]!.prompt);
    expect(prompt).toContain(`${cheap}.price_gap`);
    expect(prompt).toContain("Use only numbers that appear in the facts table");

    const id = stream[0]!.data.id as string;
    expect(await read(id)).toMatchObject({ content: text, model: "mock-model", number_check: { passed: true }, cost_usd: 0.00027 });
    const [spend] = await db.select().from(usageCosts).where(eq(usageCosts.reportId, id));
    expect(spend).toMatchObject({ kind: "llm", workspaceId: ws.id, day: todayUtc(), amountUsd: "0.000270", quantity: 1200 });
  });

  it("flags a report with a planted wrong figure, never shows it as clean", async () => {
    useModel(mockModel(`${cheap} undercuts ${main} at $16.49, a gap of $2.50.`));
    const res = await post(ws.keys.analyst, competitionId, "text/event-stream");
    const stream = await events(res);
    const done = stream.at(-1)!;
    expect(done).toMatchObject({ event: "done", data: { status: "succeeded", flagged: true } });
    const report = await read(stream[0]!.data.id as string);
    expect(report).toMatchObject({ flagged: true, number_check: { passed: false, unmatched: [{ text: "$16.49" }] } });
  });

  it("stores a failed report (with the error) when the model fails mid-stream", async () => {
    useModel(mockModel(`${main} sells at $19.99`, { error: "upstream timeout" }));
    const stream = await events(await post(ws.keys.analyst, competitionId, "text/event-stream"));
    expect(stream.at(-1)).toMatchObject({ event: "error", data: { status: "failed", error: "upstream timeout" } });
    const report = await read(stream[0]!.data.id as string);
    expect(report).toMatchObject({ status: "failed", error: "upstream timeout", content: `${main} sells at $19.99` });
  });

  it("writes a 202 report with the model in the background too", async () => {
    useModel(mockModel(`${main} sells at $19.99.`));
    const accepted = await (await post(ws.keys.analyst)).json();
    expect(accepted.model).toBe("mock-model");
    expect(await waitForReport(accepted.id)).toMatchObject({ status: "succeeded", flagged: false, output_tokens: 200 });
  });
});

describe("DAILY_LLM_BUDGET_USD", () => {
  it("refuses a report whose estimate would pass the budget, with 429 problem+json, storing nothing", async () => {
    const before = await db.select({ id: reports.id }).from(reports).where(eq(reports.competitionId, competitionId));
    // $10,000 per million output tokens: the 1,200-token cap alone is estimated at $12, over the $5 default.
    useModel(mockModel("unused"), { inputUsdPerMTok: 0, outputUsdPerMTok: 10_000 });
    const res = await post(ws.keys.analyst, competitionId, "text/event-stream");
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = await res.json();
    expect(problem.type).toMatch(/budget-exceeded$/);
    expect(problem.detail).toContain("DAILY_LLM_BUDGET_USD");
    expect(await db.select({ id: reports.id }).from(reports).where(eq(reports.competitionId, competitionId))).toHaveLength(before.length);
  });

  it("refuses once today's recorded spend has used the budget, and the template writer is not held to it", async () => {
    await recordUsage(db, { day: todayUtc(), kind: "llm", amountUsd: 5, workspaceId: ws.id, details: { test: "budget" } });
    try {
      useModel(mockModel("unused"));
      expect((await post(ws.keys.analyst)).status).toBe(429);
      setReportWriter(null);
      expect((await post(ws.keys.analyst)).status).toBe(202);
    } finally {
      await db.delete(usageCosts).where(and(eq(usageCosts.workspaceId, ws.id), eq(usageCosts.amountUsd, "5.000000")));
    }
  });
});

describe("weekly report job and report.ready", () => {
  it("is off by default; when on, writes one report per ISO week and emits report.ready", async () => {
    const p = testPipeline(db, countingSource(), recordingQueue());
    const queue = p.queue as ReturnType<typeof recordingQueue>;
    // Other files' competitions share this database: look only at ours.
    const ours = () => queue.messages.filter((m) => m.payload.competitionId === competitionId);
    await scheduleWeeklyReports(p, { date: end, marketplace: "US" });
    expect(ours()).toEqual([]);

    await callRoute(patchCompetition, `/api/v1/competitions/${competitionId}`, {
      method: "PATCH", key: ws.keys.analyst, params: { id: competitionId }, headers: { "content-type": "application/json" }, body: JSON.stringify({ weekly_report: true }),
    });
    const [channel] = await db
      .insert(notificationChannels)
      .values({ workspaceId: ws.id, kind: "webhook", target: "https://hooks.example.com/shelfwatch", secret: "whsec_dGVzdHNlY3JldHRlc3RzZWNyZXQ=", events: ["report.ready"] })
      .returning();

    // The finalize step schedules it for a current day only, never for a backfill or an old day.
    const live = { ...p, backfill: false };
    queue.messages.length = 0;
    await compareCompetitions(p, { date: end, marketplace: "US" });
    await compareCompetitions(live, { date: addDays(end, -30), marketplace: "US" });
    expect(ours()).toEqual([]);
    await compareCompetitions(live, { date: end, marketplace: "US" });
    const [job] = ours();
    expect(job!.name).toBe("weekly-report");
    expect(job!.payload).toMatchObject({ workspaceId: ws.id, dedupeKey: expect.stringMatching(/^weekly:\d{4}-W\d{2}$/) });

    await runJobWith(p, "weekly-report", job!.payload);
    await runJobWith(p, "weekly-report", job!.payload); // a redelivery writes nothing new
    const weekly = await db.select().from(reports).where(and(eq(reports.competitionId, competitionId), eq(reports.trigger, "weekly")));
    expect(weekly).toHaveLength(1);
    expect(weekly[0]).toMatchObject({ status: "succeeded", dedupeKey: job!.payload.dedupeKey, numberCheckPassed: true });

    // Reports of earlier tests in this workspace may still finish in the background and notify the
    // channel too; the property is one report.ready per report.
    const sent = (await db.select().from(deliveries).where(eq(deliveries.channelId, channel!.id))).filter(
      (d) => (d.payload as { data?: { report_id?: string } }).data?.report_id === weekly[0]!.id,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ eventType: "report.ready", payload: { type: "report.ready", data: { report_id: weekly[0]!.id, competition_id: competitionId, flagged: false } } });
    expect(queue.messages.some((m) => m.name === "webhook-delivery")).toBe(true);

    queue.messages.length = 0;
    await scheduleWeeklyReports(p, { date: end, marketplace: "US" });
    expect(ours()).toEqual([]);
  });
});
