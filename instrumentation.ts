// Runs once when a portal process starts: validate configuration, then start background work.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  env();
  const { startBackgroundWork } = await import("./lib/jobs");
  startBackgroundWork();
}
