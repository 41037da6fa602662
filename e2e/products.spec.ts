import { expect, test } from "@playwright/test";

test("the products page lists the seeded demo catalogue with latest metrics", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Products" })).toBeVisible();
  await expect(page.getByText(/200 tracked products/)).toBeVisible();
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(200);
  // Every row shows an ASIN and a price or a dash; the first one has real numbers.
  await expect(rows.first().locator("code")).toHaveText(/^[A-Z0-9]{10}$/);
  await expect(rows.first().locator("td.num").first()).toHaveText(/^\$\d/);
  await page.screenshot({ path: "e2e/output/screenshots/products.png", fullPage: false });
});

test("the health endpoint reports the embedded parts", async ({ request }) => {
  const health = await (await request.get("/api/health")).json();
  expect(health).toMatchObject({ status: "ok", checks: { db: { kind: "pglite" }, cache: { kind: "memory" } } });
});
