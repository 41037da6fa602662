// Runs once when the server starts: apply migrations and make sure the bootstrap workspace,
// admin user and admin API key exist before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/bootstrap/start-server");
  await startServer();
}
