import { formatTimestamp } from "@/components/format";

export interface OutboxEmail {
  id: string;
  recipients: string[];
  subject: string;
  status: string;
  error: string | null;
  created_at: string;
  text: string;
}

const STATUS_TEXT: Record<string, string> = { sent: "sent", held: "held (no SMTP configured)", sending: "sending", not_sent: "not sent" };

/** The newest digests: who they went to, whether they left, and their text. */
export function OutboxList({ emails }: { emails: OutboxEmail[] }) {
  if (emails.length === 0) return <p className="subtle">No digests yet: one is written after a daily run that raised alerts.</p>;
  return (
    <ul style={{ listStyle: "none", margin: 0, padding: 0 }} className="stack">
      {emails.map((e) => (
        <li key={e.id}>
          <details>
            <summary>
              {formatTimestamp(e.created_at)} · <strong>{e.subject}</strong> · <span className={e.status === "sent" ? "badge ok" : e.status === "not_sent" ? "badge" : "badge neutral"}>{STATUS_TEXT[e.status] ?? e.status}</span>
              <span className="subtle"> to {e.recipients.join(", ") || "nobody"}</span>
            </summary>
            {e.error ? <p className="notice error">{e.error}</p> : null}
            <div className="report" style={{ marginTop: "0.5rem" }}>{e.text}</div>
          </details>
        </li>
      ))}
    </ul>
  );
}
