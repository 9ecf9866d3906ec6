// The vendor's home: its organisation's cases grouped by state, each with what happens next and
// whose move it is.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, can, caseWhere, type Permission, type SessionUser } from "@/lib/permissions";
import { actorFor } from "@/lib/cases/actor";
import { liveStatus } from "@/lib/certificates/status";
import { allowedEvents, appealDeadline, STATES, type PersistedCaseSnapshot } from "@/workflows/certification";
import { caseItem, ITEM_INCLUDE } from "./case-item";
import { dateOrNull } from "./stage-limits";

export const VENDOR_STEPS = [
  "submit", "answerReturn", "awaitScreening", "awaitTesting", "awaitReview", "awaitDecision", "downloadCertificate",
  "certificateBeingIssued", "suspended", "appeal", "rejected", "awaitAppeal", "withdrawn", "revoked", "expired",
] as const;
export type VendorStep = (typeof VENDOR_STEPS)[number];

/** Steps where the case waits for the vendor. */
export const VENDOR_ACTION_STEPS: readonly VendorStep[] = ["submit", "answerReturn", "appeal"];

export async function getVendorHome(user: SessionUser, now = new Date()) {
  assertCan(user, "case:list");
  const rows = await db().case.findMany({
    where: caseWhere(user),
    include: { ...ITEM_INCLUDE, certificates: { orderBy: { issuedAt: "desc" } } },
    orderBy: { updatedAt: "desc" },
    take: 300,
  });
  const actor = await actorFor(db(), user);
  const cases = rows.map((r) => {
    const ctx = (JSON.parse(r.snapshot) as PersistedCaseSnapshot).context;
    const events = allowedEvents(r.state, ctx, actor, now.toISOString()).filter((t) => can(user, `event:${t}` as Permission));
    const cert = r.certificates[0] ?? null;
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
      appealBy: step === "appeal" ? dateOrNull(appealDeadline(ctx)) : null,
      validUntil: r.validUntil,
      certificate: cert ? { number: cert.number, publicId: cert.publicId, status: liveStatus(cert, now) } : null,
    };
  });
  const groups = STATES.map((state) => ({ state, cases: cases.filter((c) => c.state === state) })).filter((g) => g.cases.length > 0);
  return { groups, total: cases.length, actionCount: cases.filter((c) => VENDOR_ACTION_STEPS.includes(c.step)).length };
}
export type VendorHome = Awaited<ReturnType<typeof getVendorHome>>;
export type VendorCase = VendorHome["groups"][number]["cases"][number];
