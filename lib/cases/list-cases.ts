import "server-only";
import { db } from "@/lib/db";
import { assertCan, caseWhere, type SessionUser } from "@/lib/permissions";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { caseProductSnapshot, productLine } from "./product-snapshot";

export type CaseFilter = { state?: string; pilotId?: string; category?: string; take?: number; skip?: number };

/** The caller's cases: access is part of the query itself. */
export async function listCases(user: SessionUser, filter: CaseFilter = {}) {
  assertCan(user, "case:list");
  const where: Prisma.CaseWhereInput = {
    AND: [
      caseWhere(user),
      filter.state ? { state: filter.state } : {},
      filter.pilotId ? { pilotId: filter.pilotId } : {},
      filter.category ? { schemeVersion: { category: filter.category } } : {},
    ],
  };
  const rows = await db().case.findMany({
    where,
    include: { product: true, organization: true, lab: true, schemeVersion: { select: { schemeId: true, version: true, category: true } }, certificates: true },
    orderBy: { updatedAt: "desc" },
    take: Math.min(filter.take ?? 100, 500),
    skip: filter.skip ?? 0,
  });
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    version: r.version,
    scheme: { id: r.schemeVersion.schemeId, version: r.schemeVersion.version },
    category: r.schemeVersion.category,
    product: productLine(caseProductSnapshot(r)),
    vendor: { id: r.organization.id, name: r.organization.name },
    lab: r.lab ? { id: r.lab.id, name: r.lab.name } : null,
    claimedLevel: r.claimedLevel,
    labLevel: r.labLevel,
    awardedLevel: r.awardedLevel,
    certificate: r.certificates[0] ? { number: r.certificates[0].number, publicId: r.certificates[0].publicId, status: r.certificates[0].status } : null,
    stateEnteredAt: r.stateEnteredAt,
    updatedAt: r.updatedAt,
  }));
}
