"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-client";
import type { AlertRuleView } from "@/lib/dashboard/views";
import { AlertRuleForm, type RuleInput } from "./alert-rule-form";

function describeRule(r: AlertRuleView): string {
  const scope = r.asin ? `for ${r.asin}` : "for every product";
  if (r.metric === "buybox" || r.metric === "stock") return `${r.metric} changes (${r.direction}) ${scope}`;
  return `${r.metric} moves ${r.direction === "any" ? "either way" : r.direction} by ${r.threshold}${r.change === "pct" ? " %" : ""} ${scope}`;
}

type Change = { kind: "create"; input: RuleInput } | { kind: "update"; id: string; input: Partial<RuleInput> } | { kind: "delete"; id: string };

/** The workspace's alert rules; analysts and admins add, edit, pause and delete them. */
export function AlertRulesEditor({ rules, canEdit }: { rules: AlertRuleView[]; canEdit: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (c: Change) =>
      c.kind === "create"
        ? apiFetch("/api/v1/alert-rules", { method: "POST", body: c.input })
        : c.kind === "update"
          ? apiFetch(`/api/v1/alert-rules/${c.id}`, { method: "PATCH", body: c.input })
          : apiFetch(`/api/v1/alert-rules/${c.id}`, { method: "DELETE" }),
    onSuccess: () => {
      setEditing(null);
      router.refresh();
    },
  });
  return (
    <div className="stack">
      {rules.length === 0 ? <p className="subtle">No rules: no alerts will be raised.</p> : (
        <ul style={{ listStyle: "none", margin: 0, padding: 0 }} className="stack">
          {rules.map((r) => (
            <li key={r.id} style={{ borderBottom: "1px solid var(--line)", paddingBottom: "0.5rem" }}>
              {editing === r.id ? (
                <AlertRuleForm rule={r} pending={change.isPending} onSubmit={(input) => change.mutate({ kind: "update", id: r.id, input })} onCancel={() => setEditing(null)} />
              ) : (
                <div className="btn-row" style={{ justifyContent: "space-between" }}>
                  <span>
                    {describeRule(r)} <span className="subtle">· cooldown {r.cooldown_days} d</span>{" "}
                    {r.enabled ? null : <span className="badge neutral">paused</span>}
                  </span>
                  {canEdit ? (
                    <span className="btn-row">
                      <button type="button" className="btn small" onClick={() => setEditing(r.id)} aria-label={`Edit rule: ${describeRule(r)}`}>Edit</button>
                      <button type="button" className="btn small" disabled={change.isPending} onClick={() => change.mutate({ kind: "update", id: r.id, input: { enabled: !r.enabled } })} aria-label={`${r.enabled ? "Pause" : "Resume"} rule: ${describeRule(r)}`}>
                        {r.enabled ? "Pause" : "Resume"}
                      </button>
                      <button type="button" className="btn small danger" disabled={change.isPending} onClick={() => change.mutate({ kind: "delete", id: r.id })} aria-label={`Delete rule: ${describeRule(r)}`}>Delete</button>
                    </span>
                  ) : null}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {change.error ? <p className="notice error" role="alert">{change.error.message}</p> : null}
      {canEdit ? (
        <fieldset>
          <legend>New rule</legend>
          <AlertRuleForm pending={change.isPending} onSubmit={(input) => change.mutate({ kind: "create", input })} />
        </fieldset>
      ) : null}
    </div>
  );
}
