import { defineConfig } from "@playwright/test";

const PORT = 3210;

// Debian's chromium (STACK.md): no browser download. The server is the real demo path: migrate,
// seed, `next start` — on its own data directory so it never touches a developer's .data/.
export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/output/results",
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: "node --import tsx --conditions=react-server scripts/demo.ts --no-build",
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: { PORT: String(PORT), DATA_DIR: "e2e/output/data", LOG_LEVEL: "warn", DATABASE_URL: "", REDIS_URL: "" },
  },
});
