import { expect, test, type APIRequestContext } from "@playwright/test";
import { SCREENSHOTS } from "./support/session";

async function acknowledgedCount(request: APIRequestContext): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = (await (await request.get(`/api/v1/alerts?status=acknowledged&limit=200${cursor ? `&cursor=${cursor}` : ""}`)).json()) as { items: unknown[]; next_cursor: string | null };
    count += page.items.length;
    cursor = page.next_cursor;
  } while (cursor);
  return count;
}

test("the alerts inbox filters by status and type and acknowledges one or many", async ({ page }) => {
  await page.goto("/alerts");
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Open", exact: true })).toHaveAttribute("aria-current", "true");
  await page.screenshot({ path: `${SCREENSHOTS}/alerts.png` });
  const before = await acknowledgedCount(page.request);

  // One: the row's own button.
  await rows.first().getByRole("button", { name: /^Acknowledge alert/ }).click();
  await expect.poll(() => acknowledgedCount(page.request)).toBe(before + 1);

  // Many: select two, acknowledge together.
  await rows.nth(0).getByRole("checkbox").check();
  await rows.nth(1).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Acknowledge selected (2)" }).click();
  await expect.poll(() => acknowledgedCount(page.request)).toBe(before + 3);
  await expect(page.getByText("Select alerts to acknowledge several at once.")).toBeVisible();

  await page.getByRole("link", { name: "Acknowledged", exact: true }).click();
  await expect(page).toHaveURL(/status=acknowledged/);
  await expect(rows).toHaveCount(before + 3 > 50 ? 50 : before + 3);
  await expect(rows.first().getByText("Acknowledged")).toBeVisible();

  await page.getByRole("link", { name: "All", exact: true }).click();
  await page.getByLabel("Type").selectOption("price");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/metric=price/);
  const descriptions = await page.locator("tbody tr td:nth-child(4)").allTextContents();
  expect(descriptions.length).toBeGreaterThan(0);
  for (const d of descriptions) expect(d).toMatch(/^Price /);
  // Each alert links to its product.
  await rows.first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/products\/[A-Z0-9]{10}$/);
});
