import { runProgressPct } from "./run-status";

export function RunProgressBar({ run, label }: { run: { status: string; chunks: { done: number; total: number } }; label: string }) {
  const pct = runProgressPct(run);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-valuetext={`${run.chunks.done} of ${run.chunks.total} chunks (${pct} %)`}
    >
      <span style={{ width: `${pct}%` }} />
    </div>
  );
}
