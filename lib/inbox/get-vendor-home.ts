// The vendor's home: its organisation's cases grouped by state, each with what happens next and
// whose move it is. Each group is one page of its state's cases (most recently changed first),
// sorted and paged from the URL with the state as the keys' prefix (`draftPage`, `reviewVotingSort`).
import "server-only";
import { db } from "@/lib/db";
import { assertCan, caseWhere, type SessionUser } from "@/lib/permissions";
import { actorFor } from "@/lib/cases/actor";
import { liveStatus } from "@/lib/certificates/status";
import type { SearchParamsLike } from "@/lib/paging";
import { APPEALABLE_STATES, appealDeadline, STATES, type PersistedCaseSnapshot } from "@/workflows/certification";
import { caseItem } from "./case-item";
import { caseQueuePage } from "./case-queue";
import { eventsNow } from "./may-send";
import { dateOrNull } from "./stage-limits";

/** The URL keys' prefix of a state's group: `review.voting` → `reviewVoting`. */
export const vendorGroupPrefix = (state: string) => state.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());

/** At most this many cases that may carry an adverse decision are checked for an open appeal (the summary's count). */
const APPEAL_SCAN = 300;

export const VENDOR_STEPS = [
  "submit", "answerReturn", "awaitScreening", "awaitTesting", "awaitReview", "awaitDecision", "downloadCertificate",
  "certificateBeingIssued", "suspended", "appeal", "rejected", "awaitAppeal", "withdrawn", "revoked", "expired",
] as const;
export type VendorStep = (typeof VENDOR_STEPS)[number];

/** Steps where the case waits for the vendor. */
export const VENDOR_ACTION_STEPS: readonly VendorStep[] = ["submit", "answerReturn", "appeal"];

export async function getVendorHome(user: SessionUser, now = new Date(), params: SearchParamsLike = {}) {
  assertCan(user, "case:list");
  const where = caseWhere(user);
  const mayNow = eventsNow(user, await actorFor(db(), user), now);
  const grouped = await db().case.groupBy({ by: ["state"], where, _count: { _all: true } });
  const states = STATES.filter((state) => grouped.some((g) => g.state === state));
  const pages = await Promise.all(states.map((state) => caseQueuePage(user, state, params, vendorGroupPrefix(state), { sort: "updated", dir: "desc" })));
  const ids = pages.flatMap((p) => p.rows.map((r) => r.id));
  const certificates = await db().certificate.findMany({ where: { caseId: { in: ids } }, orderBy: { issuedAt: "desc" } });

  const vendorCase = (r: (typeof pages)[number]["rows"][number]) => {
    const ctx = (JSON.parse(r.snapshot) as PersistedCaseSnapshot).context;
    const events = mayNow(r.state, r.snapshot);
    const cert = certificates.find((c) => c.caseId === r.id) ?? null;
    let step: VendorStep;
    switch (r.state) {
      case "draft":
        step = ctx.returnReasons.length ? "answerReturn" : "submit";
        break;
      case "screening":
        step = "awaitScreening";
        break;
      case "testing":
        step = "awaitTesting";
        break;
      case "review.forming":
      case "review.voting":
        step = "awaitReview";
        break;
      case "decision":
        step = "awaitDecision";
        break;
      case "certified":
        step = cert ? "downloadCertificate" : "certificateBeingIssued";
        break;
      case "rejected":
        step = events.includes("APPEAL") ? "appeal" : "rejected";
        break;
      case "appeal":
        step = "awaitAppeal";
        break;
      default:
        step = r.state as VendorStep;
    }
    return {
      ...caseItem(r, now),
      step,
      returnReasons: r.state === "draft" ? ctx.returnReasons : [],
      reason: ["rejected", "suspended", "revoked"].includes(r.state) ? ctx.lastReason : null,
      // Any adverse decision still open to appeal (a denial, an award below the claim, a suspension…).
      appealBy: events.includes("APPEAL") ? dateOrNull(appealDeadline(ctx)) : null,
      validUntil: r.validUntil,
      certificate: cert ? { number: cert.number, publicId: cert.publicId, status: liveStatus(cert, now) } : null,
    };
  };
  const groups = states.map((state, i) => ({ state, prefix: vendorGroupPrefix(state), cases: { ...pages[i], rows: pages[i].rows.map(vendorCase) } }));

  // Waiting on the vendor: every draft (to submit or to answer), and the adverse decisions it may still appeal.
  const adverse = await db().case.findMany({
    where: { AND: [where, { state: { in: [...APPEALABLE_STATES] } }] },
    select: { state: true, snapshot: true },
    orderBy: { stateEnteredAt: "desc" },
    take: APPEAL_SCAN,
  });
  const appealable = adverse.filter((r) => mayNow(r.state, r.snapshot).includes("APPEAL")).length;
  const drafts = grouped.find((g) => g.state === "draft")?._count._all ?? 0;
  return { groups, total: grouped.reduce((n, g) => n + g._count._all, 0), actionCount: drafts + appealable };
}
export type VendorHome = Awaited<ReturnType<typeof getVendorHome>>;
export type VendorCase = VendorHome["groups"][number]["cases"]["rows"][number];
