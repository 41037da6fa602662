import "server-only";
import { config } from "@/lib/config/env";
import type { ReportFacts } from "@/lib/reports/facts";
import { createOpenAIWriter } from "./openai-writer";
import { createTemplateWriter } from "./template-writer";

export interface ReportUsage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** A report being written: its text as it streams, then what it cost. */
export interface ReportDraft {
  textStream: AsyncIterable<string>;
  /** Settles after the text stream ends. */
  usage(): Promise<ReportUsage>;
}

/** Writes a competitive report from a facts table. */
export interface ReportWriter {
  /** Stored on the report: the model id, or "template". */
  readonly model: string;
  /** Whether it spends money (and so is held to DAILY_LLM_BUDGET_USD). */
  readonly billable: boolean;
  /** An upper bound of what one report from these facts costs, for the budget check. */
  estimateCostUsd(facts: ReportFacts): number;
  write(facts: ReportFacts): ReportDraft;
}

const GLOBAL_KEY = Symbol.for("shelfwatch.report-writer");
type GlobalWithWriter = typeof globalThis & { [GLOBAL_KEY]?: ReportWriter | null };

/** The process's report writer: an OpenAI-compatible model when OPENAI_API_KEY is set, else the template. */
export function reportWriter(): ReportWriter {
  const g = globalThis as GlobalWithWriter;
  if (g[GLOBAL_KEY]) return g[GLOBAL_KEY];
  const llm = config().llm;
  g[GLOBAL_KEY] = llm.kind === "openai" ? createOpenAIWriter(llm) : createTemplateWriter();
  return g[GLOBAL_KEY];
}

/** Replaces the process's writer (tests: a mock model); null goes back to the configured one. */
export function setReportWriter(writer: ReportWriter | null): void {
  (globalThis as GlobalWithWriter)[GLOBAL_KEY] = writer;
}
