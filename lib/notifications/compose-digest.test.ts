import { describe, expect, it } from "vitest";
import type { RunAlert } from "@/db/queries/email-outbox";
import { composeDigest, describeAlert } from "./compose-digest";

let n = 0;
function alert(over: Partial<RunAlert>): RunAlert {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, workspaceId: "w", ruleId: "r", runId: "run", asin: "B000000001", marketplace: "US",
    date: "2026-11-28", metric: "price", kind: "price_down", oldValue: 1999, newValue: 1499, change: -25, status: "open",
    acknowledgedAt: null, acknowledgedBy: null, createdAt: new Date(), title: "Kettle", ...over,
  };
}

describe("describeAlert", () => {
  it("formats prices in the marketplace currency, ranks with #, and stock and buy box in words", () => {
    expect(describeAlert(alert({}))).toBe("Price down: 19.99 USD → 14.99 USD");
    expect(describeAlert(alert({ marketplace: "DE", kind: "price_up", oldValue: 1000, newValue: 1250 }))).toBe("Price up: 10.00 EUR → 12.50 EUR");
    expect(describeAlert(alert({ metric: "bsr", kind: "bsr_up", oldValue: 1200, newValue: 5400 }))).toBe("Best Sellers Rank up: #1,200 → #5,400");
    expect(describeAlert(alert({ metric: "stock", kind: "out_of_stock", oldValue: 1, newValue: 0 }))).toBe("Stock: went out of stock");
    expect(describeAlert(alert({ metric: "buybox", kind: "buybox_lost", oldValue: null, newValue: null }))).toBe("Buy box: buy box lost");
    expect(describeAlert(alert({ metric: "rating", kind: "rating_down", oldValue: 4.5, newValue: 4.15 }))).toBe("Rating down: 4.50 → 4.15");
  });
});

describe("composeDigest", () => {
  const alerts = [
    alert({ asin: "B000000001", title: "Kettle <b>Pro</b> & more" }),
    alert({ asin: "B000000001", metric: "stock", kind: "out_of_stock", oldValue: 1, newValue: 0, title: "Kettle <b>Pro</b> & more" }),
    alert({ asin: "B000000002", metric: "bsr", kind: "bsr_up", oldValue: 100, newValue: 300, title: null }),
  ];
  const digest = composeDigest({ workspaceName: "Acme", date: "2026-11-28", marketplace: "US", alerts, appUrl: "https://app.example.com" });

  it("summarises the run in the subject", () => {
    expect(digest.subject).toBe("[Shelfwatch] 3 new alerts on 2 products — 2026-11-28 (US)");
  });

  it("groups alerts by product in plain text, with a dashboard link per product and to all alerts", () => {
    expect(digest.text).toContain("Kettle <b>Pro</b> & more (B000000001)\n  - Price down: 19.99 USD → 14.99 USD\n  - Stock: went out of stock\n  https://app.example.com/products/B000000001");
    expect(digest.text).toContain("B000000002 (B000000002)\n  - Best Sellers Rank up: #100 → #300\n  https://app.example.com/products/B000000002");
    expect(digest.text).toContain("All alerts: https://app.example.com/alerts");
  });

  it("escapes scraped titles in HTML and links each product", () => {
    expect(digest.html).toContain('<a href="https://app.example.com/products/B000000001">Kettle &lt;b&gt;Pro&lt;/b&gt; &amp; more</a>');
    expect(digest.html).not.toContain("<b>Pro</b>");
    expect(digest.html.match(/<li>/g)).toHaveLength(3);
    expect(digest.html).toContain('<a href="https://app.example.com/alerts">');
  });
});
