import { expect, test } from "@playwright/test";
import { SCREENSHOTS } from "./support/session";

// A day far enough back that neither the seeded 90 days nor today's scheduled run has it, and
// outside the product charts' 365 days: the run is new, so its progress starts from zero. (Random
// within 400–729 days back, so a rerun on a kept data directory most likely gets a new day too.)
const DAYS_BACK = 400 + Math.floor(Math.random() * 330);
function backfillDate(): string {
  return new Date(Date.now() - DAYS_BACK * 86_400_000).toISOString().slice(0, 10);
}

// The demo source answers 200 products in a few hundred ms; 5,000 more in chunks of 25
// (ETL_CHUNK_SIZE in playwright.config.ts) make the run last long enough to watch it work.
const EXTRA_ASINS = Array.from({ length: 5000 }, (_, i) => `B0RUN${String(i).padStart(5, "0")}`);

test("an admin starts a run and watches its progress to the end", async ({ page }) => {
  const tracked = await page.request.post("/api/v1/products", { data: { asins: EXTRA_ASINS, marketplace: "US" } });
  expect(tracked.status()).toBe(200);

  await page.goto("/runs");
  await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
  await expect(page.locator("tbody tr").first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/runs.png` });

  const polls: string[] = [];
  page.on("response", (r) => {
    if (/\/api\/v1\/runs\/[0-9a-f-]{36}$/.test(r.url())) polls.push(r.url());
  });
  await page.getByLabel("Run date").fill(backfillDate());
  await page.getByRole("button", { name: "Start run" }).click();
  // Planning a big run takes a few seconds on the embedded database while its first chunks start.
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Run ${backfillDate()}`);

  const bar = page.getByRole("progressbar", { name: "Chunks done" });
  await expect(bar).toBeVisible();
  const seen = new Set<string>();
  await expect
    .poll(
      async () => {
        seen.add((await bar.getAttribute("aria-valuetext")) ?? "");
        return page.getByTestId("run-status").textContent();
      },
      { timeout: 45_000, intervals: [250] },
    )
    .toBe("succeeded");
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("run-progress-text")).toHaveText(/^(\d+) of \1 chunks done$/);
  console.log(`run progress seen: ${[...seen].join(" → ")} (${polls.length} polls of /api/v1/runs/{id})`);
  // The page followed the run while it worked: it polled, and showed it short of done.
  expect(polls.length).toBeGreaterThan(0);
  expect([...seen].some((s) => !s.includes("(100 %)"))).toBe(true);
  await expect(page.getByRole("heading", { name: "Step timings" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Rejected items" })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/run-detail.png`, fullPage: true });

  await page.getByRole("link", { name: "← Runs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
});
