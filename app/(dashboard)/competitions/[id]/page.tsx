import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MetricChart } from "@/components/charts/metric-chart";
import { SERIES_COLORS } from "@/components/charts/palette";
import { CompetitionForm } from "@/components/competitions/competition-form";
import { GapTable } from "@/components/competitions/gap-table";
import { ReportPanel } from "@/components/competitions/report-panel";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { roleAllows } from "@/lib/auth/roles";
import { competitionIdParamsSchema } from "@/lib/competitions/schemas";
import { requirePrincipal } from "@/lib/dashboard/current-principal";
import { COMPARISON_DAYS, loadCompetitionPage } from "@/lib/dashboard/load-competition-page";

export const metadata: Metadata = { title: "Competition" };

export default async function CompetitionPage({ params }: { params: Promise<{ id: string }> }) {
  const [principal, raw] = await Promise.all([requirePrincipal(), params]);
  const parsed = competitionIdParamsSchema.safeParse(raw);
  if (!parsed.success) notFound();
  const data = await loadCompetitionPage({ workspaceId: principal.workspaceId, id: parsed.data.id });
  if (!data) notFound();
  const { competition: c, series } = data;
  const canEdit = roleAllows(principal.role, "analyst");
  const members = [c.main_asin, ...c.competitor_asins];
  const lines = members.map((asin, i) => ({ key: asin, label: i === 0 ? `${asin} (yours)` : asin, color: SERIES_COLORS[i % SERIES_COLORS.length]! }));
  return (
    <>
      <p className="subtle" style={{ marginBottom: "0.5rem" }}><Link href="/competitions">← Competitions</Link></p>
      <PageHeader
        title={c.name}
        summary={<>Main <Link href={`/products/${c.main_asin}`}><code>{c.main_asin}</code></Link> against {c.competitor_asins.length} competitors{data.latest ? ` · compared on ${data.latest.date}` : ""}</>}
      />
      <section aria-labelledby="gaps-title">
        <h2 id="gaps-title">Gaps</h2>
        {data.latest ? <GapTable day={data.latest} /> : <EmptyState title="No compared day yet.">The next daily run compares the set.</EmptyState>}
      </section>
      <section aria-labelledby="trends-title">
        <h2 id="trends-title">The set over the last {COMPARISON_DAYS} days</h2>
        <div className="grid-2">
          <MetricChart id="cmp-price" title="Price" data={series.price} series={lines} format="money" currency={data.currency} />
          <MetricChart id="cmp-bsr" title="Best Sellers Rank" data={series.bsr} series={lines} format="count" reversed />
          <MetricChart id="cmp-rating" title="Rating" data={series.rating} series={lines} format="rating" />
          <MetricChart id="cmp-reviews" title="Reviews" data={series.reviews} series={lines} format="count" />
        </div>
      </section>
      <section className="card" style={{ marginTop: "1rem" }} aria-labelledby="reports-title">
        <h2 id="reports-title">Reports</h2>
        <ReportPanel competitionId={c.id} reports={data.reports} canGenerate={canEdit} />
      </section>
      {canEdit ? (
        <section className="card" style={{ marginTop: "1rem" }} aria-labelledby="edit-title">
          <h2 id="edit-title">Edit</h2>
          <CompetitionForm initial={{ id: c.id, name: c.name, main_asin: c.main_asin, competitor_asins: c.competitor_asins, weekly_report: c.weekly_report }} />
        </section>
      ) : null}
    </>
  );
}
