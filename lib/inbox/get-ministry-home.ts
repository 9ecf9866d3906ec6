// The ministry's home. First its tasks (docs/domain.md#due-process): suspensions whose
// correct-by date has passed (the vendor did not correct in time: reinstate, revoke or downgrade),
// appeals to decide (and whether this user may decide them), and complaints whose handler
// recommended suspending a product that is still certified. Then cases awaiting a decision with
// the panel's recommendation, certified cases under surveillance, and recent decisions. Every list
// that can grow is one page, sorted and paged from the URL with its own key prefix.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, caseWhere, type SessionUser } from "@/lib/permissions";
import { actorFor } from "@/lib/cases/actor";
import { liveStatus } from "@/lib/certificates/status";
import { fetchPage, MAX_PAGE_SIZE, parseListParams, type ListSpec, type SearchParamsLike } from "@/lib/paging";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { PersistedCaseSnapshot, Recommendation } from "@/workflows/certification";
import { caseItem, ITEM_INCLUDE } from "./case-item";
import { caseQueuePage } from "./case-queue";
import { eventsNow } from "./may-send";
import { wholeDays } from "./stage-limits";

/** The complaint outcome that asks the ministry to consider a suspension (docs/domain.md#complaints). */
export const SUSPENSION_RECOMMENDED = "suspension_recommended";

/** The ministry's own lists (the decision and appeal queues use the queue spec of case-queue.ts). */
export const MINISTRY_LISTS = {
  /** The longest overdue first. */
  overdue: { sorts: ["correctBy", "product"], defaultSort: "correctBy", defaultDir: "asc", prefix: "overdue" },
  /** The oldest recommendation first. */
  complaints: { sorts: ["closed", "received"], defaultSort: "closed", defaultDir: "asc", prefix: "complaints" },
  /** The certificate that runs out first, first; a long page, as the ministry watches them all. */
  certified: { sorts: ["validUntil", "since"], defaultSort: "validUntil", defaultDir: "asc", defaultSize: MAX_PAGE_SIZE, prefix: "certified" },
} as const satisfies Record<string, ListSpec<string>>;

/** Suspended cases whose correct-by date is before `now` (the caller's cases only). */
export function overdueSuspensionWhere(user: SessionUser, now: Date): Prisma.CaseWhereInput {
  return { AND: [caseWhere(user), { state: "suspended", correctBy: { lt: now } }] };
}

/** Complaints recommending a suspension of a case that is still certified (and the caller may see). */
export function suspensionRecommendedWhere(user: SessionUser): Prisma.ComplaintWhereInput {
  return { outcome: SUSPENSION_RECOMMENDED, case: { AND: [caseWhere(user), { state: "certified" }] } };
}

async function overdueSuspensions(user: SessionUser, now: Date, params: SearchParamsLike) {
  const p = parseListParams(params, MINISTRY_LISTS.overdue);
  const where = overdueSuspensionWhere(user, now);
  const orderBy: Prisma.CaseOrderByWithRelationInput[] =
    p.sort === "product" ? [{ product: { name: p.dir } }, { product: { model: p.dir } }] : [{ correctBy: p.dir }];
  const page = await fetchPage(
    p,
    () => db().case.count({ where }),
    (skip, take) => db().case.findMany({ where, include: ITEM_INCLUDE, orderBy: [...orderBy, { id: "asc" }], skip, take }),
  );
  return {
    ...page,
    rows: page.rows.map((r) => {
      const ctx = (JSON.parse(r.snapshot) as PersistedCaseSnapshot).context;
      const correctBy = r.correctBy!;
      return {
        ...caseItem(r, now),
        suspendedAt: ctx.suspendedAt ? new Date(ctx.suspendedAt) : r.stateEnteredAt,
        correctBy,
        daysOverdue: wholeDays(correctBy, now),
        reason: ctx.lastReason,
      };
    }),
  };
}

async function recommendedSuspensions(user: SessionUser, now: Date, params: SearchParamsLike) {
  const p = parseListParams(params, MINISTRY_LISTS.complaints);
  const where = suspensionRecommendedWhere(user);
  const orderBy: Prisma.ComplaintOrderByWithRelationInput[] = p.sort === "received" ? [{ receivedAt: p.dir }] : [{ closedAt: p.dir }, { receivedAt: p.dir }];
  const page = await fetchPage(
    p,
    () => db().complaint.count({ where }),
    (skip, take) =>
      db().complaint.findMany({ where, include: { case: { include: ITEM_INCLUDE } }, orderBy: [...orderBy, { id: "asc" }], skip, take }),
  );
  return {
    ...page,
    rows: page.rows.map((c) => ({
      complaintId: c.id,
      reference: c.reference,
      subject: c.subject,
      summary: c.publicSummary,
      receivedAt: c.receivedAt,
      closedAt: c.closedAt,
      // The where clause keeps only complaints about a case.
      case: caseItem(c.case!, now),
    })),
  };
}

async function certifiedCases(user: SessionUser, now: Date, params: SearchParamsLike) {
  const p = parseListParams(params, MINISTRY_LISTS.certified);
  const where = { AND: [caseWhere(user), { state: { in: ["certified", "suspended"] } }] };
  const orderBy: Prisma.CaseOrderByWithRelationInput[] = p.sort === "since" ? [{ stateEnteredAt: p.dir }] : [{ validUntil: p.dir }];
  const page = await fetchPage(
    p,
    () => db().case.count({ where }),
    (skip, take) =>
      db().case.findMany({
        where,
        include: { ...ITEM_INCLUDE, certificates: { orderBy: { issuedAt: "desc" }, take: 1 } },
        orderBy: [...orderBy, { id: "asc" }],
        skip,
        take,
      }),
  );
  return {
    ...page,
    rows: page.rows.map((r) => {
      const cert = r.certificates[0] ?? null;
      return {
        ...caseItem(r, now),
        validUntil: r.validUntil,
        certificate: cert ? { number: cert.number, publicId: cert.publicId, status: liveStatus(cert, now) } : null,
      };
    }),
  };
}

export async function getMinistryHome(user: SessionUser, now = new Date(), params: SearchParamsLike = {}) {
  assertCan(user, "case:list");
  const where = caseWhere(user);
  const mayNow = eventsNow(user, await actorFor(db(), user), now);

  const [overdue, appealPage, complaints, decisionPage, certified, decisions] = await Promise.all([
    overdueSuspensions(user, now, params),
    caseQueuePage(user, "appeal", params, "appeals"),
    recommendedSuspensions(user, now, params),
    caseQueuePage(user, "decision", params, "decisions"),
    certifiedCases(user, now, params),
    db().decision.findMany({
      where: { case: where },
      include: { case: { select: { id: true, product: { select: { name: true, model: true } }, organization: { select: { name: true } } } } },
      orderBy: { auditSeq: "desc" },
      take: 10,
    }),
  ]);
  const deciderIds = [...new Set(decisions.map((d) => d.decidedById).filter((x): x is string => !!x))];
  const names = new Map(
    (await db().user.findMany({ where: { id: { in: deciderIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );

  const appeals = {
    ...appealPage,
    rows: appealPage.rows.map((r) => {
      const ctx = (JSON.parse(r.snapshot) as PersistedCaseSnapshot).context;
      return {
        ...caseItem(r, now),
        /** The decision appealed (older snapshots: a denial). */
        appealKind: ctx.pendingAppeal?.kind ?? null,
        rejectionReason: ctx.rejectionReason,
        appealReason: ctx.pendingAppeal?.grounds ?? ctx.lastReason,
        // The ministry user who took the decision appealed may not decide the appeal.
        mayDecide: mayNow(r.state, r.snapshot).includes("UPHOLD_APPEAL"),
      };
    }),
  };

  return {
    tasks: { overdueSuspensions: overdue.total, appeals: appeals.total, recommendedSuspensions: complaints.total },
    overdueSuspensions: overdue,
    appeals,
    recommendedSuspensions: complaints,
    decisions: {
      ...decisionPage,
      rows: decisionPage.rows.map((r) => ({
        ...caseItem(r, now),
        recommendation: r.recommendation ? (JSON.parse(r.recommendation) as Recommendation) : null,
        mayDecide: mayNow(r.state, r.snapshot).includes("AWARD"),
      })),
    },
    certified,
    recentDecisions: decisions.map((d) => ({
      caseId: d.caseId,
      product: d.case.product,
      vendor: d.case.organization.name,
      type: d.type,
      level: d.level,
      reason: d.reason ?? d.justification,
      decidedBy: d.decidedById ? (names.get(d.decidedById) ?? null) : null,
      at: d.createdAt,
    })),
  };
}
export type MinistryHome = Awaited<ReturnType<typeof getMinistryHome>>;
