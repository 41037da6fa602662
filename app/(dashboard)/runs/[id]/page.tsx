import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { RunDetail } from "@/components/runs/run-detail";
import { requirePrincipal } from "@/lib/dashboard/current-principal";
import { getRunDetail } from "@/lib/runs/get-run";
import { runIdParamsSchema } from "@/lib/runs/schemas";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const [, raw] = await Promise.all([requirePrincipal(), params]);
  const parsed = runIdParamsSchema.safeParse(raw);
  if (!parsed.success) notFound();
  const run = await getRunDetail(parsed.data.id);
  if (!run) notFound();
  return (
    <>
      <p className="subtle" style={{ marginBottom: "0.5rem" }}><Link href="/runs">← Runs</Link></p>
      <PageHeader title={`Run ${run.date} · ${run.marketplace}`} summary={<code>{run.id}</code>} />
      <RunDetail initial={run} />
    </>
  );
}
