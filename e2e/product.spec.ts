import { expect, test } from "@playwright/test";
import { SCREENSHOTS } from "./support/session";

/** Server render time (navigation timing: request sent → first byte) and LCP of the page just loaded. */
async function pageTimings(page: import("@playwright/test").Page) {
  return page.evaluate(
    () =>
      new Promise<{ serverMs: number; lcpMs: number }>((resolve) => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1)!;
          resolve({ serverMs: nav.responseStart - nav.requestStart, lcpMs: last.startTime });
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
}

test("the product page shows price, BSR, rating and review charts, the stock and buy-box timeline, alerts and export", async ({ page }) => {
  await page.goto("/products");
  const asin = (await page.locator("tbody tr").first().locator("code").textContent())!;

  // Warm once (first compile of the route and its cache entries), then measure a normal view.
  await page.goto(`/products/${asin}`);
  const response = await page.goto(`/products/${asin}`);
  expect(response?.status()).toBe(200);
  const timings = await pageTimings(page);
  const serverTiming = response?.headers()["server-timing"];
  console.log(`product page: server render ${timings.serverMs.toFixed(0)} ms (target ≤ 150), LCP ${timings.lcpMs.toFixed(0)} ms (target ≤ 1000)${serverTiming ? `, Server-Timing: ${serverTiming}` : ""}`);

  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // recharts draws one path per series once it has measured its box (a series without data is empty)
  for (const [id, line] of [["chart-price", "Price"], ["chart-bsr", "BSR"], ["chart-rating", "Rating"], ["chart-reviews", "Reviews"]]) {
    const chart = page.getByTestId(id);
    await expect(chart).toBeVisible();
    await expect(chart.locator(`path.recharts-curve[name="${line}"]`)).toBeVisible();
  }
  await expect(page.getByTestId("chart-price")).toContainText("Buy-box price");
  await expect(page.getByTestId("chart-price")).toContainText("List price");
  await expect(page.getByTestId("availability-timeline")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Alerts for this product" })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/product.png`, fullPage: true });

  await page.getByRole("link", { name: "90 days" }).click();
  await expect(page).toHaveURL(/range=90/);
  await expect(page.getByRole("heading", { name: "Price · last 90 days" })).toBeVisible();
  await expect(page.getByRole("link", { name: "90 days" })).toHaveAttribute("aria-current", "true");

  const csvHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(csvHref).toMatch(new RegExp(`^/api/v1/products/${asin}/metrics\\.csv\\?from=\\d{4}-\\d{2}-\\d{2}&to=`));
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\n").length).toBeGreaterThan(30);
});

test("an unknown product is a friendly not-found page", async ({ page }) => {
  // The status is already sent (200) when the loading boundary streams; Next marks the page noindex.
  await page.goto("/products/B0NOSUCH00");
  await expect(page.getByText("No data for this product yet.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to products" })).toBeVisible();
});
