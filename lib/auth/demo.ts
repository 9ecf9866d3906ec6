import "server-only";
import { env, ConfigError } from "@/lib/env";

/** Demo accounts are refused in production unless ZHIJI_ALLOW_DEMO=1. */
export function demoUsersAllowed(): boolean {
  const e = env();
  return e.NODE_ENV !== "production" || e.ZHIJI_ALLOW_DEMO === "1";
}

type UsersTable = { user: { findFirst(args: { where: { isDemo: boolean; disabled: boolean }; select: { email: true } }): Promise<{ email: string } | null> } };

/**
 * At start: a production database that still holds usable demo accounts (their password is
 * public) is refused unless the portal runs as the demo. Each account would be refused at sign-in
 * anyway; refusing the start says so once, naming the flag.
 */
export async function refuseDemoUsersInProduction(database: UsersTable, e = env()) {
  if (e.NODE_ENV !== "production" || e.ZHIJI_ALLOW_DEMO === "1") return;
  const demo = await database.user.findFirst({ where: { isDemo: true, disabled: false }, select: { email: true } });
  if (demo) {
    throw new ConfigError(
      `Configuration error: ZHIJI_ALLOW_DEMO is not 1 but the database has demo users (${demo.email}); disable them or run the demo with ZHIJI_ALLOW_DEMO=1`,
    );
  }
}
