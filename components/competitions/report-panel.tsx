"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { postEventStream } from "@/components/api/api-client";
import { formatCount, formatTimestamp, formatUsd } from "@/components/format";
import type { NumberCheck } from "@/lib/reports/number-check";

export interface ReportRow {
  id: string;
  status: string;
  model: string;
  content: string;
  number_check: NumberCheck | null;
  flagged: boolean;
  error: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  created_at: string;
}

/** The JSON of one event, or null when it is not JSON. */
function jsonOf<T>(data: string): T | null {
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

function NumberCheckBadge({ check }: { check: ReportRow["number_check"] }) {
  if (!check) return <span className="badge neutral">not checked</span>;
  return check.passed ? (
    <span className="badge ok" title={`${check.numbers_checked} numbers checked against the facts`}>numbers check passed ({check.numbers_checked})</span>
  ) : (
    <span className="badge" title={check.unmatched.map((u) => u.text).join(", ")}>numbers check failed: {check.unmatched.length} unmatched</span>
  );
}

/** Generate a report and watch it stream in; below, the stored reports with their number check. */
export function ReportPanel({ competitionId, reports, canGenerate }: { competitionId: string; reports: ReportRow[]; canGenerate: boolean }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [state, setState] = useState<"idle" | "streaming" | "done" | "error">("idle");
  const [error, setError] = useState("");
  const [finished, setFinished] = useState<ReportRow | null>(null);
  const abort = useRef<AbortController | null>(null);

  async function generate() {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setText("");
    setError("");
    setFinished(null);
    setState("streaming");
    try {
      await postEventStream(
        `/api/v1/competitions/${competitionId}/reports`,
        ({ event, data }) => {
          // Events (lib/reports/stream-report.ts): report, delta { text }…, then done or error with the stored report.
          if (event === "delta") setText((t) => t + (jsonOf<{ text?: string }>(data)?.text ?? ""));
          else if (event === "done") setFinished(jsonOf<ReportRow>(data));
          else if (event === "error") throw new Error(jsonOf<{ error?: string }>(data)?.error ?? "The report failed.");
        },
        controller.signal,
      );
      setState("done");
      router.refresh();
    } catch (e) {
      if (controller.signal.aborted) return;
      setError(e instanceof Error ? e.message : "The report failed.");
      setState("error");
      router.refresh();
    }
  }

  return (
    <div className="stack">
      {canGenerate ? (
        <div className="btn-row">
          <button type="button" className="btn primary" onClick={() => void generate()} disabled={state === "streaming"}>
            {state === "streaming" ? "Writing…" : "Generate report"}
          </button>
          {state === "streaming" ? <button type="button" className="btn" onClick={() => { abort.current?.abort(); setState("idle"); }}>Stop</button> : null}
        </div>
      ) : null}
      {state !== "idle" ? (
        <div className="report" aria-live="polite" aria-busy={state === "streaming"} data-testid="report-stream" data-state={state}>
          {text || (state === "streaming" ? "Waiting for the first words…" : "")}
        </div>
      ) : null}
      {finished ? (
        <p className="notice ok">
          Stored. <NumberCheckBadge check={finished.number_check} /> {formatCount((finished.input_tokens ?? 0) + (finished.output_tokens ?? 0))} tokens · {formatUsd(finished.cost_usd)}
        </p>
      ) : null}
      {error ? <p className="notice error" role="alert">{error}</p> : null}
      <h3 style={{ margin: "0.5rem 0 0", fontSize: "0.95rem" }}>Report history</h3>
      {reports.length === 0 ? (
        <p className="subtle">No reports yet.</p>
      ) : (
        <ul style={{ listStyle: "none", margin: 0, padding: 0 }} className="stack" data-testid="report-history">
          {reports.map((r) => (
            <li key={r.id}>
              <details>
                <summary>
                  {formatTimestamp(r.created_at)} · {r.model} · <span className="badge neutral">{r.status}</span> <NumberCheckBadge check={r.number_check} />{" "}
                  <span className="subtle">
                    {formatCount((r.input_tokens ?? 0) + (r.output_tokens ?? 0))} tokens · {formatUsd(r.cost_usd)}
                  </span>
                </summary>
                {r.error ? <p className="notice error">{r.error}</p> : null}
                {r.number_check && !r.number_check.passed ? (
                  <p className="notice warn">Numbers not found in the facts: {r.number_check.unmatched.map((u) => u.text).join(", ")}</p>
                ) : null}
                <div className="report" style={{ marginTop: "0.5rem" }}>{r.content || "(empty)"}</div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
