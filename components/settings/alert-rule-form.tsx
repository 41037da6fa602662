"use client";

import { useId, useState, type FormEvent } from "react";
import type { AlertRuleView } from "@/lib/dashboard/views";

export const RULE_METRICS = ["price", "bsr", "rating", "reviews", "buybox", "stock"] as const;
const NUMERIC = new Set(["price", "bsr", "rating", "reviews"]);

export type RuleInput = {
  metric: string;
  change?: "pct" | "abs";
  threshold?: number;
  direction: "up" | "down" | "any";
  asin: string | null;
  cooldown_days: number;
  enabled: boolean;
};

/** Create or edit one alert rule. Buy-box and stock rules have no threshold, so those fields hide. */
export function AlertRuleForm({ rule, pending, onSubmit, onCancel }: { rule?: AlertRuleView; pending: boolean; onSubmit: (input: RuleInput) => void; onCancel?: () => void }) {
  const id = useId();
  const [metric, setMetric] = useState<string>(rule?.metric ?? "price");
  const [change, setChange] = useState<"pct" | "abs">(rule?.change ?? "pct");
  const [threshold, setThreshold] = useState(String(rule?.threshold ?? 10));
  const [direction, setDirection] = useState<"up" | "down" | "any">(rule?.direction ?? "any");
  const [asin, setAsin] = useState(rule?.asin ?? "");
  const [cooldown, setCooldown] = useState(String(rule?.cooldown_days ?? 3));
  const numeric = NUMERIC.has(metric);

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      metric,
      ...(numeric ? { change, threshold: Number(threshold) } : {}),
      direction,
      asin: asin.trim() ? asin.trim() : null,
      cooldown_days: Number(cooldown),
      enabled: rule?.enabled ?? true,
    });
  }

  return (
    <form className="inline" onSubmit={submit} aria-label={rule ? "Edit alert rule" : "New alert rule"}>
      <div className="field">
        <label htmlFor={`${id}-metric`}>Metric</label>
        <select id={`${id}-metric`} value={metric} onChange={(e) => setMetric(e.target.value)}>
          {RULE_METRICS.map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
      </div>
      {numeric ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-threshold`}>Threshold</label>
            <input id={`${id}-threshold`} type="number" min="0" step="any" required value={threshold} onChange={(e) => setThreshold(e.target.value)} style={{ width: "6rem" }} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-change`}>Unit</label>
            <select id={`${id}-change`} value={change} onChange={(e) => setChange(e.target.value as "pct" | "abs")}>
              <option value="pct">percent</option>
              <option value="abs">absolute</option>
            </select>
          </div>
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-direction`}>Direction</label>
        <select id={`${id}-direction`} value={direction} onChange={(e) => setDirection(e.target.value as "up" | "down" | "any")}>
          <option value="any">any</option>
          <option value="up">up</option>
          <option value="down">down</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-asin`}>ASIN (blank: all)</label>
        <input id={`${id}-asin`} type="text" value={asin} onChange={(e) => setAsin(e.target.value)} maxLength={10} style={{ width: "8.5rem" }} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-cooldown`}>Cooldown (days)</label>
        <input id={`${id}-cooldown`} type="number" min="0" max="30" step="1" value={cooldown} onChange={(e) => setCooldown(e.target.value)} style={{ width: "5rem" }} />
      </div>
      <button type="submit" className="btn primary" disabled={pending}>{rule ? "Save" : "Add rule"}</button>
      {onCancel ? <button type="button" className="btn" onClick={onCancel}>Cancel</button> : null}
    </form>
  );
}
