"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-client";
import { formatTimestamp } from "@/components/format";
import type { InboxAlertView } from "@/lib/dashboard/views";
import { describeAlert } from "./describe-alert";

const ACK_CONCURRENCY = 4;

/** Acknowledges alerts a few at a time; resolves with the ids that failed. */
async function acknowledge(ids: string[]): Promise<string[]> {
  const failed: string[] = [];
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      await apiFetch(`/api/v1/alerts/${id}/ack`, { method: "POST" }).catch(() => failed.push(id));
    }
  };
  await Promise.all(Array.from({ length: ACK_CONCURRENCY }, worker));
  return failed;
}

/**
 * Alerts with one-click and bulk acknowledgement (analysts and admins). The page re-renders from
 * the server afterwards, so what is shown is what is stored.
 */
export function AlertTable({ items, canAck, showProduct = true, caption }: { items: InboxAlertView[]; canAck: boolean; showProduct?: boolean; caption: string }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const ack = useMutation({
    mutationFn: acknowledge,
    onSuccess: (failed) => {
      setSelected(new Set(failed));
      router.refresh();
    },
  });
  const openIds = items.filter((a) => a.status === "open").map((a) => a.id);
  const allSelected = openIds.length > 0 && openIds.every((id) => selected.has(id));
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="table-wrap">
      {canAck && openIds.length > 0 ? (
        <div className="table-foot" style={{ borderBottom: "1px solid var(--line)" }}>
          <span aria-live="polite">{selected.size > 0 ? `${selected.size} selected` : "Select alerts to acknowledge several at once."}</span>
          <button type="button" className="btn primary small" disabled={selected.size === 0 || ack.isPending} onClick={() => ack.mutate([...selected])}>
            {ack.isPending ? "Acknowledging…" : `Acknowledge selected (${selected.size})`}
          </button>
        </div>
      ) : null}
      {ack.data && ack.data.length > 0 ? <p className="notice error" role="alert">{ack.data.length} could not be acknowledged; they stay selected.</p> : null}
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {canAck ? (
              <th scope="col" className="select">
                <input
                  type="checkbox"
                  aria-label="Select all open alerts on this page"
                  checked={allSelected}
                  disabled={openIds.length === 0}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(openIds))}
                />
              </th>
            ) : null}
            <th scope="col">Date</th>
            {showProduct ? <th scope="col">Product</th> : null}
            <th scope="col">What happened</th>
            <th scope="col">Status</th>
            {canAck ? <th scope="col"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} className={selected.has(a.id) ? "selected" : undefined}>
              {canAck ? (
                <td className="select">
                  {a.status === "open" ? (
                    <input type="checkbox" aria-label={`Select alert: ${a.asin} ${describeAlert(a)}`} checked={selected.has(a.id)} onChange={() => toggle(a.id)} />
                  ) : null}
                </td>
              ) : null}
              <td>{a.date}</td>
              {showProduct ? (
                <td className="title">
                  <Link href={`/products/${a.asin}`}>{a.title ?? a.asin}</Link>
                  <p className="subtle"><code>{a.asin}</code></p>
                </td>
              ) : null}
              <td className="title">{describeAlert(a)}</td>
              <td>
                {a.status === "open" ? <span className="badge warn">Open</span> : <span className="badge ok" title={`Acknowledged ${formatTimestamp(a.acknowledged_at)}`}>Acknowledged</span>}
              </td>
              {canAck ? (
                <td>
                  {a.status === "open" ? (
                    <button type="button" className="btn small" disabled={ack.isPending} onClick={() => ack.mutate([a.id])} aria-label={`Acknowledge alert: ${a.asin} ${describeAlert(a)}`}>
                      Acknowledge
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
