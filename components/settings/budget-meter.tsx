import { formatUsd } from "@/components/format";

/** Today's spend against its daily budget, as text and a bar (red past 100 %). */
export function BudgetMeter({ label, spent, budget }: { label: string; spent: number; budget: number }) {
  const pct = budget > 0 ? (spent / budget) * 100 : 0;
  return (
    <div>
      <div style={{ display: "flex", justifyContent: "space-between", gap: "0.5rem" }}>
        <strong>{label}</strong>
        <span>{formatUsd(spent)} of {formatUsd(budget)} ({pct.toFixed(0)} %)</span>
      </div>
      <div className="meter" role="meter" aria-label={`${label} budget used today`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(100, Math.round(pct))}>
        <span className={pct > 100 ? "over" : undefined} style={{ width: `${Math.min(100, pct)}%` }} />
      </div>
    </div>
  );
}
