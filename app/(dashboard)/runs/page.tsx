import type { Metadata } from "next";
import Link from "next/link";
import { formatCount, formatDuration, formatUsd } from "@/components/format";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { RefreshWhile } from "@/components/runs/refresh-while";
import { RunProgressBar } from "@/components/runs/run-progress-bar";
import { FINISHED_RUN_STATUSES, runStatusClass } from "@/components/runs/run-status";
import { StartRunForm } from "@/components/runs/start-run-form";
import { roleAllows } from "@/lib/auth/roles";
import { requirePrincipal } from "@/lib/dashboard/current-principal";
import { todayUtc } from "@/lib/dates";
import { listRuns } from "@/lib/runs/list-runs";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const [principal, { cursor }] = await Promise.all([requirePrincipal(), searchParams]);
  // A forged cursor restarts the list rather than failing the page.
  const page = await listRuns({ limit: 50, cursor }).catch(() => listRuns({ limit: 50 }));
  const active = page.items.some((r) => !FINISHED_RUN_STATUSES.has(r.status));
  return (
    <>
      <PageHeader title="Runs" summary="The daily ETL: one run per day and marketplace, fetched in chunks." />
      {roleAllows(principal.role, "admin") ? (
        <section className="card" style={{ marginBottom: "1rem" }} aria-label="Start a run">
          <StartRunForm today={todayUtc()} />
          <p className="subtle" style={{ margin: "0.5rem 0 0" }}>Starting a day that already has a run opens that run.</p>
        </section>
      ) : null}
      <RefreshWhile active={active} />
      {page.items.length === 0 ? (
        <EmptyState title="No runs yet." />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Runs, newest day first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Status</th>
                <th scope="col" style={{ minWidth: "10rem" }}>Chunks</th>
                <th scope="col" className="num">Items ok</th>
                <th scope="col" className="num">Rejected</th>
                <th scope="col" className="num">Cost</th>
                <th scope="col" className="num hide-sm">Duration</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((run) => (
                <tr key={run.id}>
                  <td><Link href={`/runs/${run.id}`}>{run.date}</Link> <span className="subtle">{run.marketplace}</span></td>
                  <td><span className={runStatusClass(run.status)}>{run.status}</span></td>
                  <td>
                    <RunProgressBar run={run} label={`Run ${run.date} chunks done`} />
                    <span className="subtle">{run.chunks.done}/{run.chunks.total}</span>
                  </td>
                  <td className="num">{formatCount(run.items.ok)}</td>
                  <td className="num">{formatCount(run.items.rejected)}</td>
                  <td className="num">{formatUsd(run.cost_usd)}</td>
                  <td className="num hide-sm">{formatDuration(run.duration_ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.next_cursor ? (
            <div className="table-foot"><span /><Link href={`/runs?cursor=${encodeURIComponent(page.next_cursor)}`}>Older runs →</Link></div>
          ) : null}
        </div>
      )}
    </>
  );
}
