import type { ReactNode } from "react";

/** A page's h1, its one-line summary and the actions on the right (wrap below on a phone). */
export function PageHeader({ title, summary, actions }: { title: ReactNode; summary?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        {summary ? <p className="subtle">{summary}</p> : null}
      </div>
      {actions ? <div className="btn-row">{actions}</div> : null}
    </div>
  );
}
