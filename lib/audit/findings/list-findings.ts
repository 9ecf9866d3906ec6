// Findings as the ministry and the secretariat see them: of one case, one pilot, or all; newest first.
import "server-only";
import { db } from "@/lib/db";
import { invalidRequest } from "@/lib/errors";
import { assertCan, caseWhere, type SessionUser } from "@/lib/permissions";
import { FindingQuery } from "./schemas";
import { FINDING_INCLUDE, findingViews } from "./view";

export async function listFindings(user: SessionUser, query: unknown = {}, take = 200) {
  assertCan(user, "audit:read");
  const parsed = FindingQuery.safeParse(query);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The finding filter is not valid");
  const q = parsed.data;
  const rows = await db().finding.findMany({
    where: {
      case: caseWhere(user),
      ...(q.caseId ? { caseId: q.caseId } : {}),
      ...(q.pilotId ? { pilotId: q.pilotId } : {}),
      ...(q.status === "pending" ? { status: { in: ["open", "answered"] } } : q.status ? { status: q.status } : {}),
    },
    include: FINDING_INCLUDE,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(take, 1), 500),
  });
  return findingViews(db(), rows);
}
