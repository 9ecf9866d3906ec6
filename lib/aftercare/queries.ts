// What people read of change cases (docs/domain.md#after-care): a case's changes, the queues by
// role, one change case with what its reader may do next, and the dashboard's counts. Visibility
// is the certified case's (caseWhere), so a list never returns what its caller may not see.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, can, caseWhere, type SessionUser } from "@/lib/permissions";
import { loadVisibleCase } from "@/lib/cases/load-case";
import { schemeOf } from "@/lib/cases/save-lab-report";
import { caseProductSnapshot } from "@/lib/cases/product-snapshot";
import { schemeItems } from "@/lib/grading";
import { fetchPage, parseListParams, type SearchParamsLike } from "@/lib/paging";
import {
  CHANGE_EVENT_ROLES,
  CHANGE_EVENT_STATES,
  CHANGE_FINAL_STATES,
  CHANGE_OPEN_STATES,
  suggestedItems,
  type ChangeContext,
  type ChangeEventType,
  type ChangeState,
} from "@/workflows/aftercare";
import { changeContext, loadVisibleChange, type ChangeRow } from "./load-change";

/** The fields of a change case every reader may see (the API's and the pages'). */
export function changeSummary(row: {
  id: string; caseId: string; kind: string; fromVersion: string; toVersion: string; description: string; state: string; version: number;
  classification: string | null; items: string; outcome: string | null; level: string | null; openedAt: Date; stateEnteredAt: Date;
  concludedAt: Date | null; concludeBy: Date | null; surveillanceDueAt: Date | null; complaintId: string | null; snapshot: string;
}) {
  const ctx = changeContext(row);
  return {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind,
    from: row.fromVersion || null,
    to: row.toVersion || null,
    description: row.description,
    state: row.state as ChangeState,
    version: row.version,
    classification: row.classification,
    items: JSON.parse(row.items) as string[],
    outcome: row.outcome,
    level: row.level,
    reason: ctx.reason ?? ctx.classifyReason,
    retestLevel: ctx.reportedAt ? ctx.retestLevel : null,
    failing: ctx.failing,
    openedAt: row.openedAt.toISOString(),
    stateEnteredAt: row.stateEnteredAt.toISOString(),
    concludedAt: row.concludedAt?.toISOString() ?? null,
    concludeBy: row.concludeBy?.toISOString() ?? null,
    surveillanceDueAt: row.surveillanceDueAt?.toISOString() ?? null,
    fromComplaint: row.complaintId !== null,
  };
}
export type ChangeSummary = ReturnType<typeof changeSummary>;

/** A case's change cases, newest first (at most 200: a case has a few a year). */
export async function listCaseChanges(user: SessionUser, caseId: string) {
  assertCan(user, "change:read");
  const database = db();
  await loadVisibleCase(database, user, caseId);
  const rows = await database.changeCase.findMany({ where: { caseId }, orderBy: { openedAt: "desc" }, take: 200 });
  return rows.map(changeSummary);
}

/** What each role works on: secretariat classifies, the lab re-tests, the ministry concludes, the vendor follows its own. */
const QUEUE_STATES: Record<string, readonly ChangeState[]> = {
  secretariat: ["classification"],
  lab: ["retesting"],
  ministry: ["evaluation"],
  vendor: CHANGE_OPEN_STATES,
};

export type ChangeListFilter = { state?: ChangeState; open?: boolean; queue?: boolean };

export const CHANGE_LIST = { sorts: ["openedAt"] as const, defaultSort: "openedAt" as const, defaultDir: "desc" as const };

/** Change cases the user may see, newest first, paged; `queue` narrows to the states that wait on the user's role. */
export async function listChanges(user: SessionUser, filter: ChangeListFilter, params: SearchParamsLike) {
  assertCan(user, "change:read");
  const states = filter.state
    ? [filter.state]
    : filter.queue
      ? [...(QUEUE_STATES[user.role] ?? [])]
      : filter.open
        ? [...CHANGE_OPEN_STATES]
        : undefined;
  const where = {
    case: caseWhere(user),
    ...(states ? { state: { in: states } } : {}),
    // A lab's queue: the re-tests of its own cases.
    ...(filter.queue && user.role === "lab" ? { labOrgId: user.organizationId } : {}),
  };
  const database = db();
  const list = parseListParams(params, CHANGE_LIST);
  return fetchPage(
    list,
    () => database.changeCase.count({ where }),
    async (skip, take) => {
      const rows = await database.changeCase.findMany({
        where,
        orderBy: [{ openedAt: list.dir }, { id: "asc" }],
        skip,
        take,
        include: { case: { select: { id: true, productSnapshot: true, product: true, organization: { select: { name: true, nameZh: true } }, awardedLevel: true, state: true } } },
      });
      return rows.map((r) => ({
        ...changeSummary(r),
        product: caseProductSnapshot(r.case),
        vendor: r.case.organization,
        awardedLevel: r.case.awardedLevel,
        caseState: r.case.state,
      }));
    },
  );
}

/** The events this user could send to this change case now (role, state, the case's lab); the door re-checks everything. */
export function changeEventsFor(user: SessionUser, row: { state: string }, ctx: ChangeContext): ChangeEventType[] {
  return (Object.keys(CHANGE_EVENT_ROLES) as ChangeEventType[]).filter((type) => {
    if (!CHANGE_EVENT_ROLES[type].includes(user.role)) return false;
    if (!(CHANGE_EVENT_STATES[type] as readonly string[]).includes(row.state)) return false;
    if (type === "CONCLUDE" && row.state !== "evaluation") return false;
    if (type === "SUBMIT_REPORT" && ctx.labId !== user.organizationId) return false;
    if (type === "WITHDRAW" && ctx.kind === "surveillance") return false;
    return can(user, `change:${type}` as never);
  });
}

/** One change case for its page and the API: the summary, its certified case, the re-test report, the scheme's items and suggestion. */
export async function getChange(user: SessionUser, changeId: string) {
  assertCan(user, "change:read");
  const database = db();
  const row: ChangeRow = await loadVisibleChange(database, user, changeId);
  const parent = await database.case.findUniqueOrThrow({
    where: { id: row.caseId },
    select: { id: true, state: true, awardedLevel: true, validUntil: true, productSnapshot: true, product: true, lab: { select: { id: true, name: true, nameZh: true } }, organization: { select: { id: true, name: true, nameZh: true } } },
  });
  const scheme = schemeOf(row.case.schemeVersion.definition);
  const ctx = changeContext(row);
  const items = schemeItems(scheme).map(({ element, item }) => ({ key: item.key, element: element.key, title: item.title, unit: item.unit, better: item.better, thresholds: item.thresholds }));
  const report = row.report
    ? {
        results: JSON.parse(row.report.results) as { item: string; value: number; unit: string }[],
        level: row.report.level,
        failing: JSON.parse(row.report.failing) as string[],
        updatedAt: row.report.updatedAt.toISOString(),
        submittedAt: row.report.submittedAt?.toISOString() ?? null,
      }
    : null;
  return {
    change: changeSummary(row),
    case: {
      id: parent.id,
      state: parent.state,
      awardedLevel: parent.awardedLevel,
      validUntil: parent.validUntil?.toISOString() ?? null,
      product: caseProductSnapshot(parent),
      vendor: parent.organization,
      lab: parent.lab,
      scheme: { id: row.case.schemeVersion.schemeId, version: row.case.schemeVersion.version },
    },
    report,
    schemeItems: items,
    suggestedItems: row.kind === "surveillance" ? [] : suggestedItems(scheme.elements, row.kind),
    events: changeEventsFor(user, row, ctx),
  };
}
export type ChangeView = Awaited<ReturnType<typeof getChange>>;

/** The dashboard's after-care figures: changes by kind and outcome, and surveillance due, overdue and done. */
export async function changeCounts(user: SessionUser, now: Date = new Date()) {
  assertCan(user, "dashboard:read");
  const database = db();
  const [byKind, byOutcome, due, overdue, done] = await Promise.all([
    database.changeCase.groupBy({ by: ["kind"], _count: { _all: true } }),
    database.changeCase.groupBy({ by: ["state"], _count: { _all: true }, where: { state: { in: [...CHANGE_FINAL_STATES] } } }),
    database.changeCase.count({ where: { kind: "surveillance", state: { in: [...CHANGE_OPEN_STATES] }, OR: [{ concludeBy: null }, { concludeBy: { gte: now } }] } }),
    database.changeCase.count({ where: { kind: "surveillance", state: { in: [...CHANGE_OPEN_STATES] }, concludeBy: { lt: now } } }),
    database.changeCase.count({ where: { kind: "surveillance", state: { in: [...CHANGE_FINAL_STATES] } } }),
  ]);
  return {
    byKind: Object.fromEntries(byKind.map((g) => [g.kind, g._count._all])) as Record<string, number>,
    byOutcome: Object.fromEntries(byOutcome.map((g) => [g.state, g._count._all])) as Record<string, number>,
    surveillance: { due, overdue, done },
  };
}
