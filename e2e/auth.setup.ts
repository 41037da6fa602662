import { expect, test as setup } from "@playwright/test";
import { ADMIN_STATE, E2E_ADMIN } from "./support/session";

// Signs in once through the real sign-in page; every dashboard spec reuses the stored session.
setup("sign in as the admin", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/products$/);
  await expect(page.getByRole("heading", { level: 1, name: "Products" })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });
});
