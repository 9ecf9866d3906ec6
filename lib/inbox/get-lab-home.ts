// The lab's home: one page of the cases assigned to it in testing (oldest in testing first, so the
// nearest due date first within a pilot), with the state of the report being filled; then the
// reports it submitted lately.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, caseWhere, type SessionUser } from "@/lib/permissions";
import { reportRound } from "@/lib/domain";
import type { SearchParamsLike } from "@/lib/paging";
import type { PersistedCaseSnapshot } from "@/workflows/certification";
import { caseItem, ITEM_INCLUDE } from "./case-item";
import { caseQueuePage } from "./case-queue";

/** How many submitted reports the home shows (the case pages hold the rest). */
export const LAB_RECENT_REPORTS = 10;

export async function getLabHome(user: SessionUser, now = new Date(), params: SearchParamsLike = {}) {
  assertCan(user, "case:list");
  const page = await caseQueuePage(user, "testing", params, "queue");
  const drafts = await db().labReport.findMany({
    where: { caseId: { in: page.rows.map((r) => r.id) } },
    select: { caseId: true, round: true, complete: true, level: true, updatedAt: true },
  });
  const rows = page.rows.map((r) => {
    const ctx = (JSON.parse(r.snapshot) as PersistedCaseSnapshot).context;
    const round = reportRound(ctx);
    const report = drafts.find((l) => l.caseId === r.id && l.round === round) ?? null;
    return {
      ...caseItem(r, now),
      // A retest is a new round: the report of an earlier round is not this one.
      retest: round > 1,
      report: report ? { complete: report.complete, level: report.level, savedAt: report.updatedAt } : null,
    };
  });

  const reports = await db().labReport.findMany({
    where: { labOrgId: user.organizationId, submittedAt: { not: null }, case: caseWhere(user) },
    include: { case: { include: ITEM_INCLUDE } },
    orderBy: { submittedAt: "desc" },
    take: LAB_RECENT_REPORTS,
  });
  const submitted = reports.map((l) => ({ ...caseItem(l.case, now), round: l.round, reportLevel: l.level, submittedAt: l.submittedAt! }));
  return { queue: { ...page, rows }, submitted };
}
export type LabHome = Awaited<ReturnType<typeof getLabHome>>;
