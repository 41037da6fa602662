// The admin the demo server creates at start (playwright.config.ts passes these as ADMIN_EMAIL and
// ADMIN_PASSWORD) and where the setup project keeps its signed-in session.
export const E2E_ADMIN = { email: "admin@e2e.shelfwatch.local", password: "e2e-admin-password-1" };
export const ADMIN_STATE = "e2e/output/.auth/admin.json";
export const SCREENSHOTS = "e2e/output/screenshots";
