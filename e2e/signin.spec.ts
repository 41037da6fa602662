import { expect, test } from "@playwright/test";
import { E2E_ADMIN, SCREENSHOTS } from "./support/session";

test.use({ storageState: { cookies: [], origins: [] } });

test("the dashboard sends a visitor without a session to the sign-in page", async ({ page }) => {
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/signin.png` });
});

test("a wrong password is refused on the page, the right one opens the dashboard", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/products$/);
  await expect(page.getByRole("navigation", { name: "Dashboard" })).toContainText(E2E_ADMIN.email);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/products");
  await expect(page).toHaveURL(/\/signin/);
});
