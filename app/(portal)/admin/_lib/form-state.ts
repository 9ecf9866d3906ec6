// The thin boundary of the portal's form actions: who is asking. Refusals become error codes in
// ../../_lib/form-reply.ts (docs/decisions/0009-forms-conform-zod.md).
import { AppError } from "@/lib/errors";
import { getSessionUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/permissions";

/** The caller, or UNAUTHENTICATED (shown as "sign in again") when their session has ended. */
export async function currentActor(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first");
  return user;
}
