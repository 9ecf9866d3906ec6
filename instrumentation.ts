// Runs once when a portal process starts: validate configuration, then start background work.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  env();
  // A production database with usable demo accounts is refused unless this is the demo.
  const { refuseDemoUsersInProduction } = await import("./lib/auth/demo");
  const { db } = await import("./lib/db");
  await refuseDemoUsersInProduction(db());
  const { startBackgroundWork } = await import("./lib/jobs");
  startBackgroundWork();
}
