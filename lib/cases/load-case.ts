import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
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

/** What CASE_INCLUDE reads in one go; the organisations and certificates are read as below. */
const CASE_BASE_INCLUDE = { product: true, pilot: true, schemeVersion: CASE_INCLUDE.schemeVersion } as const;

/**
 * The case if this user may see it; otherwise NOT_FOUND (never FORBIDDEN: existence is not disclosed).
 * The same row as `include: CASE_INCLUDE`, in fewer statements (each relation of an include is one
 * statement, docs/performance.md#the-door-what-was-done): the vendor and the lab in one read, and
 * the certificates only for a case that was awarded (AWARD and DOWNGRADE set awardedLevel, nothing
 * clears it, and only they lead to a certificate).
 */
export async function loadVisibleCase(database: Db | Tx, user: SessionUser | null, caseId: string): Promise<CaseRow> {
  const where = user ? { id: caseId, ...caseWhere(user) } : { id: caseId };
  const base = await database.case.findFirst({ where, include: CASE_BASE_INCLUDE });
  if (!base) throw notFound("CASE_NOT_FOUND");
  const orgs = await database.organization.findMany({ where: { id: { in: base.labOrgId ? [base.organizationId, base.labOrgId] : [base.organizationId] } } });
  const certificates =
    base.awardedLevel !== null ? await database.certificate.findMany({ where: { caseId: base.id }, ...CASE_INCLUDE.certificates }) : [];
  const organization = orgs.find((o) => o.id === base.organizationId);
  // The relation is required (a foreign key): a case without its vendor row cannot be.
  if (!organization) throw new Error(`case ${base.id}: organization ${base.organizationId} not found`);
  return { ...base, organization, lab: base.labOrgId ? (orgs.find((o) => o.id === base.labOrgId) ?? null) : null, certificates };
}

/** A case row with its CASE_INCLUDE relations. */
export type CaseRow = Prisma.CaseGetPayload<{ include: typeof CASE_INCLUDE }>;
