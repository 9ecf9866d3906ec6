import "server-only";
import type { Db, Tx } from "@/lib/db";
import { caseWhere, type SessionUser } from "@/lib/permissions";
import { notFound } from "@/lib/errors";

export const CASE_INCLUDE = {
  product: true,
  organization: true,
  lab: true,
  pilot: true,
  schemeVersion: { select: { id: true, schemeId: true, version: true, category: true, definition: true } },
  // The current revision first; never the stored PDFs (blobs).
  certificates: {
    orderBy: { revision: "desc" as const },
    select: { id: true, number: true, revision: true, publicId: true, status: true, level: true, validUntil: true, issuedAt: true, supersededById: true },
  },
} as const;

/** The case if this user may see it; otherwise NOT_FOUND (never FORBIDDEN: existence is not disclosed). */
export async function loadVisibleCase(database: Db | Tx, user: SessionUser | null, caseId: string) {
  const where = user ? { id: caseId, ...caseWhere(user) } : { id: caseId };
  const row = await database.case.findFirst({ where, include: CASE_INCLUDE });
  if (!row) throw notFound("CASE_NOT_FOUND");
  return row;
}
export type CaseRow = Awaited<ReturnType<typeof loadVisibleCase>>;
