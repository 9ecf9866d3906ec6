// A pilot's stage limits (days allowed per stage, Pilot.stageLimits) and the due date they give a
// case in its current state. A pilot without a limit for a stage gives no due date.
const DAY_MS = 24 * 60 * 60 * 1000;

/** The stage a dotted state counts against: both review sub-states share the review limit. */
function stageOf(state: string): string {
  return state.split(".")[0];
}

export function parseStageLimits(json: string | null | undefined): Record<string, number> {
  let raw: unknown;
  try {
    raw = JSON.parse(json || "{}");
  } catch {
    return {};
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "number" && Number.isFinite(v) && v > 0) out[k] = v;
  return out;
}

/** When the case's stage limit runs out, or null when the pilot sets none for this state. */
export function stageDue(stageLimitsJson: string | null | undefined, state: string, enteredAt: Date): Date | null {
  const limits = parseStageLimits(stageLimitsJson);
  const days = limits[state] ?? limits[stageOf(state)];
  return days ? new Date(enteredAt.getTime() + days * DAY_MS) : null;
}

/** Whole days from `from` to `to` (0 when less than a day; never negative). */
export function wholeDays(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}
