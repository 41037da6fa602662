import type { ReactNode } from "react";

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <p style={{ fontWeight: 600, margin: "0 0 0.25rem", color: "var(--fg)" }}>{title}</p>
      {children}
    </div>
  );
}
