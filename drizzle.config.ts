import { defineConfig } from "drizzle-kit";

// Migrations are generated (`npm run db:generate`) and committed; they are applied at start and by
// `npm run db:migrate`, never pushed.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  schemaFilter: ["staging", "core", "mart", "app"],
});
