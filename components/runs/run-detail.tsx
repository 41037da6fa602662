"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-client";
import { queryKeys } from "@/components/api/query-keys";
import { formatCount, formatDuration, formatTimestamp, formatUsd } from "@/components/format";
import type { RunDetailView } from "@/lib/dashboard/views";
import { RunProgressBar } from "./run-progress-bar";
import { FINISHED_RUN_STATUSES, runStatusClass } from "./run-status";

const POLL_MS = 1000;

/** A run as it works: polls GET /api/v1/runs/{id} every second until the run has finished. */
export function RunDetail({ initial }: { initial: RunDetailView }) {
  const { data: run, error } = useQuery({
    queryKey: queryKeys.run(initial.id),
    queryFn: ({ signal }) => apiFetch<RunDetailView>(`/api/v1/runs/${initial.id}`, { signal }),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && FINISHED_RUN_STATUSES.has(query.state.data.status) ? false : POLL_MS),
  });
  const timings = Object.entries(run.step_timings_ms ?? {}).sort((a, b) => b[1] - a[1]);
  const slowest = timings[0]?.[1] ?? 0;
  const live = !FINISHED_RUN_STATUSES.has(run.status);
  return (
    <div className="stack">
      <section className="card" aria-labelledby="progress-title">
        <h2 id="progress-title">
          Progress <span className={runStatusClass(run.status)} data-testid="run-status">{run.status}</span>
        </h2>
        <RunProgressBar run={run} label="Chunks done" />
        <p aria-live="polite" style={{ margin: "0.5rem 0 0" }} data-testid="run-progress-text">
          {run.chunks.done} of {run.chunks.total} chunks done{live ? " · updating every second" : ""}
        </p>
        {error ? <p className="notice warn">Live updates paused: {error.message}</p> : null}
        {run.error ? <p className="notice error">{run.error}</p> : null}
      </section>
      <dl className="stats">
        <div className="stat"><dt>Items ok</dt><dd>{formatCount(run.items.ok)}</dd></div>
        <div className="stat"><dt>Items rejected</dt><dd>{formatCount(run.items.rejected)}</dd></div>
        <div className="stat"><dt>Cost</dt><dd>{formatUsd(run.cost_usd)}</dd></div>
        <div className="stat"><dt>Duration</dt><dd>{formatDuration(run.duration_ms)}</dd></div>
        <div className="stat"><dt>Started</dt><dd style={{ fontSize: "0.95rem" }}>{formatTimestamp(run.started_at)}</dd></div>
        <div className="stat"><dt>Source</dt><dd style={{ fontSize: "0.95rem" }}>{run.source} · {run.marketplace}</dd></div>
      </dl>
      <div className="grid-2">
        <section className="card" aria-labelledby="timings-title">
          <h2 id="timings-title">Step timings</h2>
          {timings.length === 0 ? (
            <p className="subtle">No step has reported yet.</p>
          ) : (
            <table>
              <caption className="sr-only">Time spent per pipeline step; chunk steps add up across parallel chunks.</caption>
              <thead><tr><th scope="col">Step</th><th scope="col" className="num">Time</th><th scope="col"><span className="sr-only">Share</span></th></tr></thead>
              <tbody>
                {timings.map(([step, ms]) => (
                  <tr key={step}>
                    <td>{step}</td>
                    <td className="num">{formatDuration(ms)}</td>
                    <td style={{ width: "40%" }}><div className="meter" aria-hidden="true"><span style={{ width: `${slowest ? (ms / slowest) * 100 : 0}%`, background: "var(--accent)" }} /></div></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="rejected-title">
          <h2 id="rejected-title">Rejected items</h2>
          {run.rejected_items.length === 0 ? (
            <p className="subtle">{run.items.rejected === 0 ? "None: every item passed validation." : "Loading…"}</p>
          ) : (
            <div className="table-wrap" style={{ maxHeight: "24rem", overflowY: "auto" }}>
              <table>
                <caption className="sr-only">Items that failed validation, with the reason</caption>
                <thead><tr><th scope="col">ASIN</th><th scope="col" className="num">Chunk</th><th scope="col">Error</th></tr></thead>
                <tbody>
                  {run.rejected_items.map((item) => (
                    <tr key={item.id}>
                      <td><code>{item.asin ?? "(none)"}</code></td>
                      <td className="num">{item.chunk}</td>
                      <td className="title">{item.error ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {run.items.rejected > run.rejected_items.length ? <p className="subtle" style={{ padding: "0.5rem" }}>Showing the first {run.rejected_items.length} of {run.items.rejected}.</p> : null}
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
