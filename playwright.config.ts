import { defineConfig } from "@playwright/test";
import { ADMIN_STATE, E2E_ADMIN } from "./e2e/support/session";

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
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    // Specs run signed in as the admin (the setup project signs in once and stores the session).
    { name: "dashboard", dependencies: ["setup"], use: { storageState: ADMIN_STATE } },
  ],
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
    env: {
      PORT: String(PORT), DATA_DIR: "e2e/output/data", LOG_LEVEL: "warn", DATABASE_URL: "", REDIS_URL: "",
      ADMIN_EMAIL: E2E_ADMIN.email, ADMIN_PASSWORD: E2E_ADMIN.password,
      // Small chunks: a run has enough of them for e2e/runs.spec.ts to watch it progress.
      ETL_CHUNK_SIZE: "25",
    },
  },
});
