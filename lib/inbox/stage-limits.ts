// A pilot's stage limits (days allowed per stage, Pilot.stageLimits) and the due date they give a
// case in its current state. A pilot without a limit for a stage gives no due date.
import { DAY_MS } from "@/lib/domain";

// The due date of a stage is the domain's rule (workflows/certification/policy.ts).
export { stageDue, parseStageLimits } from "@/lib/domain";

/** Whole days from `from` to `to` (0 when less than a day; never negative). */
export function wholeDays(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}

/** An ISO time as a Date (null stays null). */
export function dateOrNull(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}
