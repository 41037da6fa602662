import { expect, test } from "@playwright/test";
import { SCREENSHOTS } from "./support/session";

test("the products page lists the seeded demo catalogue with latest metrics, trends and alert badges", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/products$/);
  await expect(page.getByRole("heading", { level: 1, name: "Products" })).toBeVisible();
  await expect(page.getByText(/200 tracked products/)).toBeVisible();
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(200);
  // Every row shows an ASIN; the first one has a price, a 30-day sparkline and a product link.
  await expect(rows.first().locator("code")).toHaveText(/^[A-Z0-9]{10}$/);
  await expect(rows.first().locator("td.num").first()).toHaveText(/^\$\d/);
  await expect(rows.first().getByRole("img", { name: /Price over 30 days/ })).toBeVisible();
  await expect(page.getByText(/\d+ open alerts?/).first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/products.png`, fullPage: false });
});

test("search and sort change the table through the URL", async ({ page }) => {
  await page.goto("/products");
  const firstAsin = await page.locator("tbody tr").first().locator("code").textContent();
  await page.getByRole("searchbox", { name: "Search" }).fill(firstAsin!);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${firstAsin}`));
  await expect(page.locator("tbody tr")).toHaveCount(1);

  await page.goto("/products");
  await page.getByRole("link", { name: "Price", exact: true }).click();
  await expect(page).toHaveURL(/sort=price/);
  await expect(page.getByRole("columnheader", { name: /Price/ }).first()).toHaveAttribute("aria-sort", "ascending");
  const prices = await page.locator("tbody tr td:nth-child(3)").allTextContents();
  const values = prices.filter((p) => p.startsWith("$")).slice(0, 20).map((p) => Number(p.replace(/[$,]/g, "")));
  expect(values).toEqual([...values].sort((a, b) => a - b));
});

test("an analyst adds ASINs in bulk, sees per-ASIN errors, and untracks one", async ({ page }) => {
  await page.goto("/products");
  await page.getByLabel("ASINs").fill("B0E2EADD01\nB0E2EADD02, not-an-asin");
  await page.getByRole("button", { name: /Track 3 ASINs/ }).click();
  const result = page.getByTestId("track-result");
  await expect(result).toContainText("2 added");
  await expect(result).toContainText("1 invalid");
  await expect(result.getByText("NOT-AN-ASIN").or(result.getByText("not-an-asin"))).toBeVisible();

  await page.getByRole("searchbox", { name: "Search" }).fill("B0E2EADD0");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(2);
  await expect(page.locator("tbody")).toContainText("Waiting for the first daily run");
  await page.screenshot({ path: `${SCREENSHOTS}/products-added.png` });

  for (const [asin, left] of [["B0E2EADD02", 1], ["B0E2EADD01", 0]] as const) {
    await page.getByRole("button", { name: `Stop tracking ${asin}` }).click();
    await page.getByRole("button", { name: `Confirm: stop tracking ${asin}` }).click();
    await expect(page.locator("tbody tr")).toHaveCount(left);
  }
  await expect(page.getByText("No tracked product matches this search.")).toBeVisible();
});

test("on a phone the table scrolls sideways and the navigation wraps", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/products");
  await expect(page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Settings" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.screenshot({ path: `${SCREENSHOTS}/products-phone.png` });
});

test("the health endpoint reports the embedded parts", async ({ request }) => {
  const health = await (await request.get("/api/health")).json();
  expect(health).toMatchObject({ status: "ok", checks: { db: { kind: "pglite" }, cache: { kind: "memory" } } });
});
