import { createOpenAI } from "@ai-sdk/openai";
import type { Config } from "@/lib/config/env";
import { createModelWriter } from "./model-writer";
import type { ReportWriter } from "./writer";

/**
 * The OpenAI writer. It speaks Chat Completions (`.chat`), not the Responses API the provider
 * defaults to, because that is what other OpenAI-compatible servers (vLLM, Ollama, LiteLLM…) offer.
 */
export function createOpenAIWriter(llm: Extract<Config["llm"], { kind: "openai" }>): ReportWriter {
  const provider = createOpenAI({ apiKey: llm.apiKey, baseURL: llm.baseUrl });
  return createModelWriter({
    model: provider.chat(llm.model),
    modelId: llm.model,
    pricing: { inputUsdPerMTok: llm.inputUsdPerMTok, outputUsdPerMTok: llm.outputUsdPerMTok },
  });
}
