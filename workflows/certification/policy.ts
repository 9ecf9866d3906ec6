// The constants and small rules every layer shares, in one place: who may send each event, the
// report round, the appeal deadline, stage limits and a day in milliseconds. Pure; lib/domain.ts
// re-exports them for the app.
import type { AdverseDecision, CaseContext, EventType, Role } from "./types";

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The roles that may send each event. The machine adds the per-case rules on top (the case's own
 * vendor, the assigned lab, an active panelist, a decider off the panel); lib/permissions.ts builds
 * its `event:*` permissions from this table, and only the system sends EXPIRE.
 */
export const EVENT_ROLES = {
  SUBMIT: ["vendor"],
  WITHDRAW: ["vendor"],
  APPEAL: ["vendor"],
  RETURN: ["secretariat"],
  REJECT_APPLICATION: ["secretariat"],
  ACCEPT: ["secretariat"],
  ASSIGN_PANEL: ["secretariat"],
  SUBMIT_REPORT: ["lab"],
  RECUSE: ["expert"],
  VOTE: ["expert"],
  AWARD: ["ministry"],
  DENY: ["ministry"],
  REMAND: ["ministry"],
  // The system suspends when surveillance is overdue (docs/domain.md#after-care).
  SUSPEND: ["ministry", "system"],
  REINSTATE: ["ministry"],
  REVOKE: ["ministry"],
  DOWNGRADE: ["ministry"],
  UPHOLD_APPEAL: ["ministry"],
  DISMISS_APPEAL: ["ministry"],
  EXPIRE: ["system"],
} as const satisfies Record<EventType, readonly Role[]>;

export function mayRoleSend(role: Role, type: EventType): boolean {
  return (EVENT_ROLES[type] as readonly Role[]).includes(role);
}

/** The report round a lab is filling now: one per entry into testing. */
export function reportRound(ctx: Pick<CaseContext, "round">): number {
  return ctx.round + 1;
}

export const APPEAL_WINDOW_DAYS = 30;

/** A suspension's date to correct by is at most this many days after the suspension. */
export const SUSPENSION_MAX_DAYS = 180;

/**
 * The last adverse decision of a case (docs/domain.md#due-process). Older snapshots lack `adverse`:
 * their only appealable decision was a rejection (`rejectedAt`, `deniedBy`, `appealed`).
 */
export function adverseDecision(ctx: Pick<CaseContext, "adverse" | "rejectedAt" | "deniedBy" | "appealed">): AdverseDecision | null {
  if (ctx.adverse !== undefined) return ctx.adverse;
  if (ctx.rejectedAt === null) return null;
  return { kind: ctx.deniedBy ? "denial" : "screening", at: ctx.rejectedAt, by: ctx.deniedBy, appealed: ctx.appealed };
}

/** The last moment the last adverse decision may be appealed (ISO), or null when there is none. */
export function appealDeadline(ctx: Pick<CaseContext, "adverse" | "rejectedAt" | "deniedBy" | "appealed">): string | null {
  const adverse = adverseDecision(ctx);
  if (adverse === null) return null;
  return new Date(Date.parse(adverse.at) + APPEAL_WINDOW_DAYS * DAY_MS).toISOString();
}

/** Whether an appeal may still be filed at `at` (an unappealed adverse decision within its window). */
export function appealOpen(ctx: Pick<CaseContext, "adverse" | "rejectedAt" | "deniedBy" | "appealed">, at: string): boolean {
  const adverse = adverseDecision(ctx);
  const deadline = appealDeadline(ctx);
  return adverse !== null && !adverse.appealed && deadline !== null && Date.parse(at) <= Date.parse(deadline);
}

// --- stage limits --------------------------------------------------------------------------

/** The four timed stages of a case; a pilot sets a limit in days for each (Pilot.stageLimits). */
export const STAGES = ["screening", "testing", "review", "decision"] as const;
export type Stage = (typeof STAGES)[number];

/** Days allowed per stage; a stage without a limit is never "over". */
export type StageLimits = Partial<Record<Stage, number>>;

/** The stage a (dotted) case state belongs to, or null for states that are not timed. */
export function stageOf(state: string): Stage | null {
  if (state === "screening" || state === "testing" || state === "decision") return state;
  if (state === "review" || state.startsWith("review.")) return "review";
  return null;
}

/** Reads Pilot.stageLimits; anything that is not a stage with a positive number of days is ignored. */
export function parseStageLimits(json: string | null | undefined): StageLimits {
  let raw: unknown;
  try {
    raw = JSON.parse(json || "{}");
  } catch {
    return {};
  }
  const out: StageLimits = {};
  if (raw && typeof raw === "object" && !Array.isArray(raw)) {
    for (const s of STAGES) {
      const v = (raw as Record<string, unknown>)[s];
      if (typeof v === "number" && Number.isFinite(v) && v > 0) out[s] = v;
    }
  }
  return out;
}

/** When the case's stage limit runs out, or null when the pilot sets none for its state's stage. */
export function stageDue(stageLimitsJson: string | null | undefined, state: string, enteredAt: Date): Date | null {
  const stage = stageOf(state);
  const days = stage ? parseStageLimits(stageLimitsJson)[stage] : undefined;
  return days ? new Date(enteredAt.getTime() + days * DAY_MS) : null;
}
