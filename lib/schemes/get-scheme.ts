import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { findVisibleVersion, toView, type SchemeVersionView } from "./versions";

/** One version; a draft only for those who manage schemes (anyone else gets NOT_FOUND). */
export async function getScheme(user: SessionUser, schemeId: string, version: string): Promise<SchemeVersionView> {
  assertCan(user, "scheme:read");
  return toView(await findVisibleVersion(db(), user, schemeId, version));
}
