import "server-only";
import { db } from "@/lib/db";
import { describeDiff, diffSchemes, type SchemeDiff } from "@/lib/grading";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { findVisibleVersion, toView, type SchemeVersionView } from "./versions";

export type VersionComparison = { from: SchemeVersionView; to: SchemeVersionView; diff: SchemeDiff; lines: string[] };

type Ref = { schemeId: string; version: string };

/** What changed from version `a` (usually the published one) to `b`, item by item; null: signed out (published versions only). */
export async function compareVersions(user: SessionUser | null, a: Ref, b: Ref): Promise<VersionComparison> {
  if (user) assertCan(user, "scheme:read");
  const database = db();
  const from = toView(await findVisibleVersion(database, user, a.schemeId, a.version));
  const to = toView(await findVisibleVersion(database, user, b.schemeId, b.version));
  const diff = diffSchemes(from.scheme, to.scheme);
  return { from, to, diff, lines: describeDiff(diff) };
}
