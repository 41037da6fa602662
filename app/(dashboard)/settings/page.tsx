import type { Metadata } from "next";
import { UsageChart } from "@/components/charts/usage-chart";
import { PageHeader } from "@/components/layout/page-header";
import { AlertRulesEditor } from "@/components/settings/alert-rules-editor";
import { ApiKeysPanel } from "@/components/settings/api-keys-panel";
import { BudgetMeter } from "@/components/settings/budget-meter";
import { OutboxList } from "@/components/settings/outbox-list";
import { WebhooksPanel } from "@/components/settings/webhooks-panel";
import { formatUsd } from "@/components/format";
import { roleAllows } from "@/lib/auth/roles";
import { requirePrincipal } from "@/lib/dashboard/current-principal";
import { loadSettings } from "@/lib/dashboard/load-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const principal = await requirePrincipal();
  const data = await loadSettings(principal);
  const today = data.usage?.days.at(-1);
  return (
    <>
      <PageHeader title="Settings" summary="Alert rules, people, API access, notifications and spend of this workspace." />
      <div className="stack">
        {data.usage && today ? (
          <section className="card" aria-labelledby="usage-title">
            <h2 id="usage-title">Usage against budgets</h2>
            <div className="grid-2" style={{ marginBottom: "1rem" }}>
              <BudgetMeter label="Scraping today" spent={today.apify_usd} budget={data.usage.budgets.apify_daily_usd} />
              <BudgetMeter label="Reports today" spent={today.llm_usd} budget={data.usage.budgets.llm_daily_usd} />
            </div>
            <UsageChart days={data.usage.days} budgets={data.usage.budgets} />
            <p className="subtle" style={{ margin: "0.5rem 0 0" }}>
              Last {data.usage.days.length} days: scraping {formatUsd(data.usage.totals.apify_usd)}, reports {formatUsd(data.usage.totals.llm_usd)}.
            </p>
          </section>
        ) : null}
        <section className="card" aria-labelledby="rules-title">
          <h2 id="rules-title">Alert rules</h2>
          <AlertRulesEditor rules={data.rules} canEdit={roleAllows(principal.role, "analyst")} />
        </section>
        {data.apiKeys ? (
          <section className="card" aria-labelledby="keys-title">
            <h2 id="keys-title">API keys</h2>
            <ApiKeysPanel keys={data.apiKeys} />
          </section>
        ) : null}
        {data.webhooks ? (
          <section className="card" aria-labelledby="webhooks-title">
            <h2 id="webhooks-title">Webhooks</h2>
            <WebhooksPanel webhooks={data.webhooks} />
          </section>
        ) : null}
        {data.outbox ? (
          <section className="card" aria-labelledby="outbox-title">
            <h2 id="outbox-title">Email outbox</h2>
            <OutboxList emails={data.outbox} />
          </section>
        ) : null}
        <section className="card" aria-labelledby="members-title">
          <h2 id="members-title">Members</h2>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">People in this workspace and their roles</caption>
              <thead><tr><th scope="col">Email</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col" className="hide-sm">Member since</th></tr></thead>
              <tbody>
                {data.members.map((m) => (
                  <tr key={m.userId}>
                    <td>{m.email}{m.userId === principal.userId ? <span className="subtle"> (you)</span> : null}</td>
                    <td>{m.name ?? "—"}</td>
                    <td><span className="badge neutral">{m.role}</span></td>
                    <td className="hide-sm">{m.since.slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="subtle" style={{ margin: "0.5rem 0 0" }}>Viewers read; analysts also track products, acknowledge alerts and edit rules and competitions; admins also manage keys, webhooks and runs.</p>
        </section>
      </div>
    </>
  );
}
