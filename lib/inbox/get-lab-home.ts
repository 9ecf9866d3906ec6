// The lab's home: the cases assigned to it in testing, nearest due date first, with the state of
// the report being filled; then the reports it submitted lately.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, caseWhere, type SessionUser } from "@/lib/permissions";
import { reportRound } from "@/lib/domain";
import type { PersistedCaseSnapshot } from "@/workflows/certification";
import { caseItem, ITEM_INCLUDE } from "./case-item";

export async function getLabHome(user: SessionUser, now = new Date()) {
  assertCan(user, "case:list");
  const rows = await db().case.findMany({
    where: { AND: [caseWhere(user), { state: "testing" }] },
    include: { ...ITEM_INCLUDE, labReports: { select: { round: true, complete: true, level: true, updatedAt: true } } },
    orderBy: { stateEnteredAt: "asc" },
    take: 300,
  });
  const queue = rows
    .map((r) => {
      const ctx = (JSON.parse(r.snapshot) as PersistedCaseSnapshot).context;
      const round = reportRound(ctx);
      const report = r.labReports.find((l) => l.round === round) ?? null;
      return {
        ...caseItem(r, now),
        // A retest is a new round: the report of an earlier round is not this one.
        retest: round > 1,
        report: report ? { complete: report.complete, level: report.level, savedAt: report.updatedAt } : null,
      };
    })
    .sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.since.getTime() - b.since.getTime());

  const reports = await db().labReport.findMany({
    where: { labOrgId: user.organizationId, submittedAt: { not: null }, case: caseWhere(user) },
    include: { case: { include: ITEM_INCLUDE } },
    orderBy: { submittedAt: "desc" },
    take: 10,
  });
  const submitted = reports.map((l) => ({ ...caseItem(l.case, now), round: l.round, reportLevel: l.level, submittedAt: l.submittedAt! }));
  return { queue, submitted };
}
export type LabHome = Awaited<ReturnType<typeof getLabHome>>;
