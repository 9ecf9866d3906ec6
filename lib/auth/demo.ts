import { env } from "@/lib/env";

/** Demo accounts are refused in production unless ZHIJI_ALLOW_DEMO=1. */
export function demoUsersAllowed(): boolean {
  const e = env();
  return e.NODE_ENV !== "production" || e.ZHIJI_ALLOW_DEMO === "1";
}
