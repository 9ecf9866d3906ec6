// The summary line of a case on a work queue: what it is, whose it is, how long it has waited.
import { stageDue, wholeDays } from "./stage-limits";
import { caseProductSnapshot, productLine } from "@/lib/cases/product-snapshot";

/** What the queue queries include for every case. */
export const ITEM_INCLUDE = {
  product: true,
  organization: true,
  lab: true,
  pilot: { select: { stageLimits: true } },
  schemeVersion: { select: { schemeId: true, version: true, category: true } },
} as const;

type ItemRow = {
  id: string;
  state: string;
  claimedLevel: string;
  labLevel: string | null;
  awardedLevel: string | null;
  stateEnteredAt: Date;
  updatedAt: Date;
  product: { name: string; model: string; softwareVersion: string; category: string; modelInfo: string };
  productSnapshot: string;
  organization: { id: string; name: string };
  lab: { id: string; name: string } | null;
  pilot: { stageLimits: string };
  schemeVersion: { schemeId: string; version: string; category: string };
};

export function caseItem(r: ItemRow, now: Date) {
  const dueAt = stageDue(r.pilot.stageLimits, r.state, r.stateEnteredAt);
  return {
    caseId: r.id,
    state: r.state,
    category: r.schemeVersion.category,
    scheme: { id: r.schemeVersion.schemeId, version: r.schemeVersion.version },
    product: productLine(caseProductSnapshot(r)),
    vendor: { id: r.organization.id, name: r.organization.name },
    lab: r.lab ? { id: r.lab.id, name: r.lab.name } : null,
    claimedLevel: r.claimedLevel,
    labLevel: r.labLevel,
    awardedLevel: r.awardedLevel,
    since: r.stateEnteredAt,
    updatedAt: r.updatedAt,
    waitingDays: wholeDays(r.stateEnteredAt, now),
    dueAt,
    overdue: dueAt !== null && dueAt.getTime() < now.getTime(),
  };
}
export type CaseItem = ReturnType<typeof caseItem>;
