import { expect, test } from "@playwright/test";
import { SCREENSHOTS } from "./support/session";

test("settings shows usage against budgets, alert rules, API keys, webhooks, the outbox and members", async ({ page }) => {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  for (const name of ["Usage against budgets", "Alert rules", "API keys", "Members"]) {
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }
  await expect(page.getByRole("meter", { name: /Scraping today/ })).toBeVisible();
  await expect(page.getByText(/price moves either way by 10 %/)).toBeVisible();

  // A new key is shown once, then listed by its prefix only.
  const name = `e2e reader ${Date.now()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!;
  expect(key.length).toBeGreaterThan(20);
  await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();
  const viaKey = await page.request.get("/api/v1/products?limit=1", { headers: { Authorization: `Bearer ${key}` } });
  expect(viaKey.status()).toBe(200);
  await page.getByRole("button", { name: `Revoke key ${name}` }).click();
  await expect(page.getByRole("cell", { name, exact: true })).toHaveCount(0);

  await page.screenshot({ path: `${SCREENSHOTS}/settings.png`, fullPage: true });
});
