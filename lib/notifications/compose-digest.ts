import type { RunAlert } from "@/db/queries/email-outbox";
import { isMarketplace, MARKETPLACES } from "@/lib/products/marketplaces";

export interface DigestContent {
  subject: string;
  text: string;
  html: string;
}

const METRIC_LABEL: Record<string, string> = { price: "Price", bsr: "Best Sellers Rank", rating: "Rating", reviews: "Reviews", buybox: "Buy box", stock: "Stock" };
const KIND_LABEL: Record<string, string> = {
  out_of_stock: "went out of stock",
  back_in_stock: "is back in stock",
  buybox_lost: "buy box lost",
  buybox_changed: "buy box went to another seller",
};

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
// Titles come from scraped pages: never trusted in HTML.
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

function formatValue(alert: RunAlert, value: number | null): string {
  if (value === null) return "?";
  if (alert.metric === "price") {
    const currency = isMarketplace(alert.marketplace) ? MARKETPLACES[alert.marketplace].currency : "";
    return `${(value / 100).toFixed(2)} ${currency}`.trim();
  }
  if (alert.metric === "bsr") return `#${Math.round(value).toLocaleString("en-US")}`;
  return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(2);
}

/** One line per alert, e.g. "Price down: 19.99 USD → 16.99 USD" or "Stock: went out of stock". */
export function describeAlert(alert: RunAlert): string {
  const label = METRIC_LABEL[alert.metric] ?? alert.metric;
  if (KIND_LABEL[alert.kind]) return `${label}: ${KIND_LABEL[alert.kind]}`;
  const direction = alert.kind.endsWith("_up") ? "up" : alert.kind.endsWith("_down") ? "down" : alert.kind;
  return `${label} ${direction}: ${formatValue(alert, alert.oldValue)} → ${formatValue(alert, alert.newValue)}`;
}

function byProduct(alerts: RunAlert[]): Array<{ asin: string; marketplace: string; title: string; alerts: RunAlert[] }> {
  const groups = new Map<string, { asin: string; marketplace: string; title: string; alerts: RunAlert[] }>();
  for (const alert of alerts) {
    const key = `${alert.marketplace}:${alert.asin}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { asin: alert.asin, marketplace: alert.marketplace, title: alert.title ?? alert.asin, alerts: [] }));
    group.alerts.push(alert);
  }
  return [...groups.values()];
}

/** The digest of one run for one workspace: plain text and HTML, grouped by product, with dashboard links. */
export function composeDigest(input: { workspaceName: string; date: string; marketplace: string; alerts: RunAlert[]; appUrl: string }): DigestContent {
  const groups = byProduct(input.alerts);
  const n = input.alerts.length;
  const summary = `${n} new alert${n === 1 ? "" : "s"} on ${groups.length} product${groups.length === 1 ? "" : "s"}`;
  const subject = `[Shelfwatch] ${summary} — ${input.date} (${input.marketplace})`;
  const productUrl = (asin: string) => `${input.appUrl}/products/${encodeURIComponent(asin)}`;
  const alertsUrl = `${input.appUrl}/alerts`;

  const text = [
    `${summary} in ${input.workspaceName}, from the ${input.date} run (${input.marketplace}).`,
    "",
    ...groups.flatMap((g) => [`${g.title} (${g.asin})`, ...g.alerts.map((a) => `  - ${describeAlert(a)}`), `  ${productUrl(g.asin)}`, ""]),
    `All alerts: ${alertsUrl}`,
    "",
  ].join("\n");

  const html = [
    "<!doctype html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.4\">",
    `<p>${escapeHtml(summary)} in <strong>${escapeHtml(input.workspaceName)}</strong>, from the ${escapeHtml(input.date)} run (${escapeHtml(input.marketplace)}).</p>`,
    ...groups.map(
      (g) =>
        `<h3 style="margin-bottom:0.25em"><a href="${escapeHtml(productUrl(g.asin))}">${escapeHtml(g.title)}</a> <small>${escapeHtml(g.asin)}</small></h3>` +
        `<ul style="margin-top:0">${g.alerts.map((a) => `<li>${escapeHtml(describeAlert(a))}</li>`).join("")}</ul>`,
    ),
    `<p><a href="${escapeHtml(alertsUrl)}">All alerts in the dashboard</a></p>`,
    "</body></html>",
  ].join("\n");

  return { subject, text, html };
}
