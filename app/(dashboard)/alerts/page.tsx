import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { AlertTable } from "@/components/tables/alert-table";
import { alertMetric } from "@/db/schema";
import { roleAllows } from "@/lib/auth/roles";
import { requirePrincipal } from "@/lib/dashboard/current-principal";
import { alertInboxFiltersSchema, loadAlertInbox } from "@/lib/dashboard/load-alert-inbox";

export const metadata: Metadata = { title: "Alerts" };

const STATUSES = [
  { value: "open", label: "Open" },
  { value: "acknowledged", label: "Acknowledged" },
  { value: "all", label: "All" },
] as const;
const METRIC_LABELS: Record<(typeof alertMetric.enumValues)[number], string> = {
  price: "Price",
  bsr: "Best Sellers Rank",
  rating: "Rating",
  reviews: "Reviews",
  buybox: "Buy box",
  stock: "Stock",
};

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const [principal, params] = await Promise.all([requirePrincipal(), searchParams]);
  const filters = alertInboxFiltersSchema.parse(params);
  const inbox = await loadAlertInbox({ workspaceId: principal.workspaceId, filters });
  const href = (over: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ status: filters.status, metric: filters.metric, ...over })) if (v) q.set(k, v);
    return `/alerts?${q}`;
  };
  return (
    <>
      <PageHeader title="Alerts" summary="What changed in the daily runs, newest first. Acknowledge an alert once it has been looked at." />
      <div className="btn-row" style={{ marginBottom: "1rem" }}>
        <nav className="segmented" aria-label="Status">
          {STATUSES.map((s) => (
            <Link key={s.value} href={href({ status: s.value, cursor: undefined })} aria-current={filters.status === s.value ? "true" : undefined}>
              {s.label}
            </Link>
          ))}
        </nav>
        <form method="get" action="/alerts" className="inline">
          <input type="hidden" name="status" value={filters.status} />
          <div className="field">
            <label htmlFor="alert-metric" className="sr-only">Type</label>
            <select id="alert-metric" name="metric" defaultValue={filters.metric ?? ""}>
              <option value="">All types</option>
              {alertMetric.enumValues.map((m) => (
                <option key={m} value={m}>{METRIC_LABELS[m]}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn">Filter</button>
        </form>
      </div>
      {inbox.items.length === 0 ? (
        <EmptyState title={filters.status === "open" ? "No open alerts. All caught up." : "No alerts match these filters."}>
          <p style={{ margin: 0 }}>Alerts appear after a daily run when a product moves past one of the rules in Settings.</p>
        </EmptyState>
      ) : (
        <AlertTable items={inbox.items} canAck={roleAllows(principal.role, "analyst")} caption="Alerts, newest day first" />
      )}
      {inbox.nextCursor || filters.cursor ? (
        <div className="table-foot">
          {filters.cursor ? <Link href={href({ cursor: undefined })}>First page</Link> : <span />}
          {inbox.nextCursor ? <Link href={href({ cursor: inbox.nextCursor })}>Older alerts →</Link> : null}
        </div>
      ) : null}
    </>
  );
}
