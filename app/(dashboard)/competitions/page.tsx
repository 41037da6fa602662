import type { Metadata } from "next";
import Link from "next/link";
import { CompetitionForm } from "@/components/competitions/competition-form";
import { formatTimestamp } from "@/components/format";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { roleAllows } from "@/lib/auth/roles";
import { listCompetitions } from "@/lib/competitions/list-competitions";
import type { presentCompetition } from "@/lib/competitions/present";
import { bodyOf } from "@/lib/dashboard/cached-body";
import { requirePrincipal } from "@/lib/dashboard/current-principal";

export const metadata: Metadata = { title: "Competitions" };

export default async function CompetitionsPage() {
  const principal = await requirePrincipal();
  const page = bodyOf<{ items: Array<ReturnType<typeof presentCompetition>> }>(await listCompetitions({ workspaceId: principal.workspaceId, limit: 200 }));
  const items = page?.items ?? [];
  const canEdit = roleAllows(principal.role, "analyst");
  return (
    <>
      <PageHeader title="Competitions" summary="Your product against up to ten competitors: daily gaps, trends and written reports." />
      {items.length === 0 ? (
        <EmptyState title="No competitions yet.">{canEdit ? <p style={{ margin: 0 }}>Create one below.</p> : null}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Competitions of this workspace</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Main ASIN</th><th scope="col" className="num">Competitors</th><th scope="col" className="hide-sm">Weekly report</th><th scope="col" className="hide-sm">Updated</th></tr></thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td className="title"><Link href={`/competitions/${c.id}`}>{c.name}</Link></td>
                  <td><code>{c.main_asin}</code></td>
                  <td className="num">{c.competitor_asins.length}</td>
                  <td className="hide-sm">{c.weekly_report ? "yes" : "no"}</td>
                  <td className="hide-sm">{formatTimestamp(c.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        <section className="card" style={{ marginTop: "1.5rem" }} aria-labelledby="new-competition">
          <h2 id="new-competition">New competition</h2>
          <CompetitionForm />
        </section>
      ) : null}
    </>
  );
}
