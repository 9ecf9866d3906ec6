// The rules of a pilot's life and of applications into it (docs/domain.md#pilots). Pure: the
// server functions (create-pilot.ts, pilot-event.ts, application-pilot.ts) load the rows and call these.
import type { DomainCode, ParamValue } from "@/lib/errors";

export const PILOT_STATUSES = ["draft", "approved", "open", "closed"] as const;
export type PilotStatus = (typeof PILOT_STATUSES)[number];

export const PILOT_EVENTS = ["APPROVE", "OPEN", "CLOSE"] as const;
export type PilotEvent = (typeof PILOT_EVENTS)[number];

/** Each event: the status it needs, the status it leads to, and the permission it takes. */
export const PILOT_TRANSITIONS: Record<PilotEvent, { from: PilotStatus; to: PilotStatus; permission: "pilot:approve" | "pilot:manage" }> = {
  APPROVE: { from: "draft", to: "approved", permission: "pilot:approve" },
  OPEN: { from: "approved", to: "open", permission: "pilot:manage" },
  CLOSE: { from: "open", to: "closed", permission: "pilot:manage" },
};

/** The events possible now for a pilot in `status` (whoever may send them). */
export function pilotEventsIn(status: string): PilotEvent[] {
  return PILOT_EVENTS.filter((e) => PILOT_TRANSITIONS[e].from === status);
}

/** A stored scope (JSON array of category keys); anything unreadable is read as "all categories". */
export function parseScope(stored: string | null | undefined): string[] {
  try {
    const v: unknown = JSON.parse(stored ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export type PilotForRules = {
  name: string;
  nameZh?: string | null;
  status: string;
  scope: string;
  applicationsFrom: Date | null;
  applicationsUntil: Date | null;
};

export type Refusal = { reason: DomainCode; params: Record<string, ParamValue> };

/** A day in the portal's time (Beijing), YYYY-MM-DD: how refusals name the window's ends. */
export function portalDay(d: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

export function inScope(pilot: Pick<PilotForRules, "scope">, category: string): boolean {
  const scope = parseScope(pilot.scope);
  return scope.length === 0 || scope.includes(category);
}

/**
 * Why an application for `category` at `at` may not go into `pilot`, or null when it may: the
 * pilot must be open, `at` inside its application window (from inclusive, until exclusive;
 * either end may be open), and the category in its scope (an empty scope takes every category).
 */
export function applicationRefusal(pilot: PilotForRules, category: string, at: Date): Refusal | null {
  const name = pilot.name;
  if (pilot.status === "closed") return { reason: "PILOT_CLOSED", params: {} };
  if (pilot.status !== "open") return { reason: "PILOT_NOT_OPEN", params: { pilot: name, status: pilot.status } };
  if (!inScope(pilot, category)) return { reason: "PILOT_CATEGORY_OUT_OF_SCOPE", params: { pilot: name, category } };
  if (pilot.applicationsFrom && at < pilot.applicationsFrom) {
    return { reason: "PILOT_WINDOW_NOT_YET", params: { pilot: name, from: portalDay(pilot.applicationsFrom) } };
  }
  if (pilot.applicationsUntil && at >= pilot.applicationsUntil) {
    // The window's end is exclusive: the last day it took applications is the day before.
    return { reason: "PILOT_WINDOW_CLOSED", params: { pilot: name, until: portalDay(new Date(pilot.applicationsUntil.getTime() - 1)) } };
  }
  return null;
}

/**
 * The pilot an application without a chosen pilot goes into: among the open pilots (newest first)
 * the first that takes `category` at `at`. When none does, the refusal of the newest open pilot
 * whose scope holds the category (its window), or NO_OPEN_PILOT(_FOR_CATEGORY).
 */
export function defaultPilot<P extends PilotForRules>(openPilots: readonly P[], category: string, at: Date): { pilot: P } | { refusal: Refusal } {
  const open = openPilots.filter((p) => p.status === "open");
  if (open.length === 0) return { refusal: { reason: "NO_OPEN_PILOT", params: {} } };
  const scoped = open.filter((p) => inScope(p, category));
  if (scoped.length === 0) return { refusal: { reason: "NO_OPEN_PILOT_FOR_CATEGORY", params: { category } } };
  for (const p of scoped) if (!applicationRefusal(p, category, at)) return { pilot: p };
  return { refusal: applicationRefusal(scoped[0], category, at)! };
}
