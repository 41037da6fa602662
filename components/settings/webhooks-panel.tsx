"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api/api-client";
import { queryKeys } from "@/components/api/query-keys";
import { formatDuration, formatTimestamp } from "@/components/format";

export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabled_reason: string | null;
  consecutive_failures: number;
}

interface DeliveryRow {
  id: string;
  event: string;
  status: string;
  attempt_count: number;
  status_code: number | null;
  latency_ms: number | null;
  next_retry_at: string | null;
  created_at: string;
  attempts: Array<{ attempt: number; status_code: number | null; error: string | null }>;
}

const EVENTS = ["alert.created", "run.completed", "report.ready"] as const;

function deliveryBadge(status: string): string {
  return status === "succeeded" ? "badge ok" : status === "failed" ? "badge" : "badge warn";
}

/** One endpoint's delivery log, polled while open; failed deliveries can be sent again. */
function DeliveryLog({ webhookId }: { webhookId: string }) {
  const client = useQueryClient();
  const log = useQuery({
    queryKey: queryKeys.deliveries(webhookId),
    queryFn: ({ signal }) => apiFetch<{ items: DeliveryRow[] }>(`/api/v1/webhooks/${webhookId}/deliveries?limit=20`, { signal }),
    refetchInterval: 5000,
  });
  const retry = useMutation({
    mutationFn: (deliveryId: string) => apiFetch(`/api/v1/webhooks/${webhookId}/deliveries/${deliveryId}/retry`, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.deliveries(webhookId) }),
  });
  if (log.isPending) return <p className="subtle">Loading deliveries…</p>;
  if (log.error) return <p className="notice error">{log.error.message}</p>;
  if (log.data.items.length === 0) return <p className="subtle">No deliveries yet. Send a test to see one.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Deliveries to this endpoint, newest first</caption>
        <thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">Status</th><th scope="col" className="num">Code</th><th scope="col" className="num">Latency</th><th scope="col" className="hide-sm">Next retry</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {log.data.items.map((d) => (
            <tr key={d.id}>
              <td>{formatTimestamp(d.created_at)}</td>
              <td><code>{d.event}</code></td>
              <td><span className={deliveryBadge(d.status)}>{d.status}</span> <span className="subtle">{d.attempt_count} {d.attempt_count === 1 ? "attempt" : "attempts"}</span></td>
              <td className="num">{d.status_code ?? "—"}</td>
              <td className="num">{formatDuration(d.latency_ms)}</td>
              <td className="hide-sm">{d.next_retry_at ? formatTimestamp(d.next_retry_at) : "—"}</td>
              <td>{d.status === "failed" ? <button type="button" className="btn small" disabled={retry.isPending} onClick={() => retry.mutate(d.id)}>Retry</button> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Admins add endpoints (the signing secret is shown once), send test pings, read deliveries and remove endpoints. */
export function WebhooksPanel({ webhooks }: { webhooks: WebhookRow[] }) {
  const router = useRouter();
  const client = useQueryClient();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>([...EVENTS]);
  const [open, setOpen] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => apiFetch<{ id: string; secret: string }>("/api/v1/webhooks", { method: "POST", body: { url, events } }),
    onSuccess: () => {
      setUrl("");
      router.refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => apiFetch(`/api/v1/webhooks/${id}`, { method: "DELETE" }), onSuccess: () => router.refresh() });
  const test = useMutation({
    mutationFn: (id: string) => apiFetch<{ status: string; status_code: number | null }>(`/api/v1/webhooks/${id}/test`, { method: "POST" }),
    onSettled: (_d, _e, id) => {
      setOpen(id);
      void client.invalidateQueries({ queryKey: queryKeys.deliveries(id) });
      router.refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const error = create.error ?? remove.error ?? test.error;
  return (
    <div className="stack">
      {webhooks.length === 0 ? <p className="subtle">No endpoints yet.</p> : (
        <ul style={{ listStyle: "none", margin: 0, padding: 0 }} className="stack">
          {webhooks.map((w) => (
            <li key={w.id} style={{ borderBottom: "1px solid var(--line)", paddingBottom: "0.75rem" }}>
              <div className="btn-row" style={{ justifyContent: "space-between" }}>
                <span style={{ wordBreak: "break-all" }}>
                  <code>{w.url}</code> <span className="subtle">{w.events.join(", ")}</span>{" "}
                  {w.enabled ? <span className="badge ok">enabled</span> : <span className="badge" title={w.disabled_reason ?? undefined}>disabled{w.disabled_reason ? `: ${w.disabled_reason}` : ""}</span>}
                </span>
                <span className="btn-row">
                  <button type="button" className="btn small" aria-expanded={open === w.id} onClick={() => setOpen(open === w.id ? null : w.id)}>Deliveries</button>
                  <button type="button" className="btn small" disabled={test.isPending} onClick={() => test.mutate(w.id)}>Send test</button>
                  <button type="button" className="btn small danger" disabled={remove.isPending} onClick={() => remove.mutate(w.id)} aria-label={`Remove endpoint ${w.url}`}>Remove</button>
                </span>
              </div>
              {open === w.id ? <div style={{ marginTop: "0.5rem" }}><DeliveryLog webhookId={w.id} /></div> : null}
            </li>
          ))}
        </ul>
      )}
      <form className="inline" onSubmit={submit} aria-label="New webhook endpoint">
        <div className="field" style={{ flex: "1 1 18rem" }}>
          <label htmlFor="webhook-url">Endpoint URL</label>
          <input id="webhook-url" type="url" required placeholder="https://example.com/hooks/shelfwatch" value={url} onChange={(e) => setUrl(e.target.value)} style={{ width: "100%" }} />
        </div>
        <fieldset style={{ padding: "0.25rem 0.75rem" }}>
          <legend className="sr-only">Events</legend>
          {EVENTS.map((ev) => (
            <label key={ev} style={{ marginRight: "0.75rem", whiteSpace: "nowrap" }}>
              <input type="checkbox" checked={events.includes(ev)} onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))} /> {ev}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn primary" disabled={create.isPending || events.length === 0}>Add endpoint</button>
      </form>
      <div aria-live="polite">
        {create.data ? (
          <div className="notice ok">
            <p style={{ margin: "0 0 0.25rem" }}>Signing secret (shown once; verify the webhook-signature header with it):</p>
            <code style={{ wordBreak: "break-all" }}>{create.data.secret}</code>
          </div>
        ) : null}
        {test.data ? <p className="notice ok">Test ping: {test.data.status}{test.data.status_code ? ` (HTTP ${test.data.status_code})` : ""}.</p> : null}
        {error ? <p className="notice error" role="alert">{error.message}</p> : null}
      </div>
    </div>
  );
}
