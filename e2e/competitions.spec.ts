import { expect, test } from "@playwright/test";
import { SCREENSHOTS } from "./support/session";

test("an analyst creates a competition, reads its gaps and charts, and watches a report stream in", async ({ page }) => {
  const products = (await (await page.request.get("/api/v1/products?limit=4")).json()) as { items: Array<{ asin: string }> };
  const [main, ...competitors] = products.items.map((p) => p.asin);
  // Unique per run, so a rerun against a kept data directory finds only its own competition.
  const name = `E2E desk lamps ${Date.now()}`;

  await page.goto("/competitions");
  await expect(page.getByRole("heading", { level: 1, name: "Competitions" })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Your product (main ASIN)").fill(main!);
  await page.getByLabel("Competitor ASINs (1–10)").fill(competitors.join("\n"));
  await page.getByRole("button", { name: "Create competition" }).click();
  await expect(page).toHaveURL(/\/competitions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // The comparison is backfilled from history at creation: gaps for every competitor, and charts.
  const gaps = page.getByRole("table").first();
  await expect(gaps.getByRole("row")).toHaveCount(1 + 1 + competitors.length);
  await expect(gaps).toContainText("yours");
  await expect(page.getByTestId("cmp-price").locator("path.recharts-curve")).toHaveCount(1 + competitors.length);

  await page.getByRole("button", { name: "Generate report" }).click();
  const stream = page.getByTestId("report-stream");
  await expect(stream).toBeVisible();
  await expect(stream).toHaveAttribute("data-state", "done", { timeout: 45_000 });
  expect((await stream.textContent())!.length).toBeGreaterThan(100);
  const history = page.getByTestId("report-history");
  await expect(history.locator("li")).toHaveCount(1);
  await expect(history).toContainText(/numbers check (passed|failed)/);
  await page.screenshot({ path: `${SCREENSHOTS}/competition.png`, fullPage: true });

  // Edit: rename, and the list shows the new name.
  await page.getByLabel("Name").fill(`${name} (renamed)`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name} (renamed)` })).toBeVisible();
  await page.goto("/competitions");
  await expect(page.getByRole("link", { name: `${name} (renamed)` })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/competitions.png` });
});
