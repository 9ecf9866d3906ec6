import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { findVisibleVersion, toView, type SchemeVersionView } from "./versions";

/**
 * One version; a draft only for those who manage schemes, a proposed or approved one for the
 * signed-in, a published one for anyone (null: signed out). Anything else is NOT_FOUND.
 */
export async function getScheme(user: SessionUser | null, schemeId: string, version: string): Promise<SchemeVersionView> {
  if (user) assertCan(user, "scheme:read");
  return toView(await findVisibleVersion(db(), user, schemeId, version));
}
