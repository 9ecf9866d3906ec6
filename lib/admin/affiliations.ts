// The organisations an expert is tied to, for conflict checks: an expert from the vendor's or the
// lab's organisation never sits on that case's panel.
import "server-only";
import type { Db, Tx } from "@/lib/db";

/** The expert's own organisation plus every affiliation; empty for an unknown user. */
export async function expertOrgIds(database: Db | Tx, expertUserId: string): Promise<string[]> {
  const u = await database.user.findUnique({
    where: { id: expertUserId },
    select: { organizationId: true, affiliations: { select: { organizationId: true } } },
  });
  if (!u) return [];
  return [...new Set([u.organizationId, ...u.affiliations.map((a) => a.organizationId)])];
}
