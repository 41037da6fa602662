import { streamText, type LanguageModel } from "ai";
import type { ReportFacts } from "@/lib/reports/facts";
import { REPORT_SYSTEM_PROMPT, renderFactsPrompt } from "./prompt";
import type { ReportDraft, ReportUsage, ReportWriter } from "./writer";

/** A report is a few hundred words; the cap also bounds the budget estimate. */
export const MAX_OUTPUT_TOKENS = 1200;

export interface TokenPricing {
  inputUsdPerMTok: number;
  outputUsdPerMTok: number;
}

export function tokenCostUsd(pricing: TokenPricing, inputTokens: number, outputTokens: number): number {
  return Math.round(((inputTokens * pricing.inputUsdPerMTok + outputTokens * pricing.outputUsdPerMTok) / 1e6) * 1e6) / 1e6;
}

// About four characters a token for English and tables; the estimate only guards the budget.
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/**
 * A writer over any `ai` language model (an OpenAI-compatible one in production, MockLanguageModelV3
 * in tests): streamText with the facts as the prompt. Errors inside the stream are thrown to the
 * reader (streamText would otherwise only log them), so a failed generation is stored as failed.
 */
export function createModelWriter(opts: { model: LanguageModel; modelId: string; pricing: TokenPricing }): ReportWriter {
  return {
    model: opts.modelId,
    billable: true,
    estimateCostUsd: (facts) => tokenCostUsd(opts.pricing, estimateTokens(REPORT_SYSTEM_PROMPT + renderFactsPrompt(facts)), MAX_OUTPUT_TOKENS),
    write(facts: ReportFacts): ReportDraft {
      const result = streamText({
        model: opts.model,
        system: REPORT_SYSTEM_PROMPT,
        prompt: renderFactsPrompt(facts),
        maxOutputTokens: MAX_OUTPUT_TOKENS,
        temperature: 0.2,
        onError: () => {},
      });
      let usage: ReportUsage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
      let settle: () => void;
      const settled = new Promise<void>((resolve) => (settle = resolve));
      async function* text(): AsyncIterable<string> {
        try {
          for await (const part of result.fullStream) {
            if (part.type === "text-delta") yield part.text;
            else if (part.type === "error") throw part.error instanceof Error ? part.error : new Error(String(part.error));
            else if (part.type === "finish") {
              const inputTokens = part.totalUsage.inputTokens ?? 0;
              const outputTokens = part.totalUsage.outputTokens ?? 0;
              usage = { inputTokens, outputTokens, costUsd: tokenCostUsd(opts.pricing, inputTokens, outputTokens) };
            }
          }
        } finally {
          settle();
        }
      }
      return { textStream: text(), usage: () => settled.then(() => usage) };
    },
  };
}
