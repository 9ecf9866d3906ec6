// Domain types of the certification case: levels, actors, the machine's context and events.
import { z } from "zod";
import type { EventPayloads } from "./schemas";
import type { DomainCode, DomainRef, HttpErrorCode, ParamValue } from "../errors";

export const LEVELS = ["L1", "L2", "L3", "L4"] as const;
export type Level = (typeof LEVELS)[number];
export const LevelSchema = z.enum(LEVELS);

/** 1 for L1 … 4 for L4, and 0 for `null` ("not even L1"), below every level; compares levels. */
export function levelRank(level: Level | null): number {
  return level === null ? 0 : LEVELS.indexOf(level) + 1;
}

/** Compare two levels (null lowest): negative when a < b, 0 when equal, positive when a > b. */
export function compareLevels(a: Level | null, b: Level | null): number {
  return levelRank(a) - levelRank(b);
}

export function isLevel(value: unknown): value is Level {
  return typeof value === "string" && (LEVELS as readonly string[]).includes(value);
}

/** The levels a decision may give when the lab determined `labLevel`: never above it (none without it). */
export function levelsUpTo(labLevel: Level | null): Level[] {
  return labLevel === null ? [] : LEVELS.filter((l) => levelRank(l) <= levelRank(labLevel));
}

/** The roles a person can hold (an account's role). */
export const USER_ROLES = ["vendor", "lab", "expert", "secretariat", "ministry", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];
/** Who can act on a case: a person's role, or the system (the expiry sweep). */
export const ROLES = [...USER_ROLES, "system"] as const;
export type Role = (typeof ROLES)[number];

export type Actor = {
  id: string;
  role: Role;
  orgId: string | null;
  /** orgId plus an expert's extra affiliations. */
  affiliationOrgIds: string[];
};

export type Verdict = "approve" | "reject" | "retest";

export type PanelSeat = { expertId: string; orgIds: string[]; active: boolean; recuseReason?: string };

export type Vote = { expertId: string; verdict: Verdict; level: Level | null; rationale: string; at: string };

export type Recommendation = {
  verdict: Verdict;
  level: Level | null;
  approve: number;
  reject: number;
  retest: number;
};

/** The adverse decisions a vendor may appeal (docs/domain.md#due-process). */
export const ADVERSE_KINDS = ["denial", "screening", "level", "suspension", "revocation"] as const;
export type AdverseKind = (typeof ADVERSE_KINDS)[number];

/** The last adverse decision of a case: what it was, when, by whom, and whether it was appealed. */
export type AdverseDecision = { kind: AdverseKind; at: string; by: string | null; appealed: boolean };

/** The states an appeal may come from (and a dismissed appeal returns to). */
export const APPEALABLE_STATES = ["rejected", "certified", "suspended", "revoked"] as const;
export type AppealableState = (typeof APPEALABLE_STATES)[number];

/** An appeal under way: the decision appealed, the state it came from, the grounds. */
export type PendingAppeal = { kind: AdverseKind; from: AppealableState; decidedBy: string | null; grounds: string; filedAt: string };

export type CaseContext = {
  vendorOrgId: string;
  category: string;
  /** From the scheme, default 3. */
  panelSize: number;
  /** Org id of the assigned lab. */
  labId: string | null;
  labLevel: Level | null;
  labProfile: Record<string, Level | null> | null;
  panel: PanelSeat[];
  /** Every expert who sat on an earlier panel of this case (or recused from the current one). */
  formerPanelists: string[];
  /** Set by UPHOLD_APPEAL: the next panel may contain none of `formerPanelists`. */
  needsFreshPanel: boolean;
  /** Votes of the current round only. */
  votes: Vote[];
  round: number;
  recommendation: Recommendation | null;
  returnReasons: string[];
  awardedLevel: Level | null;
  awardedBy: string | null;
  certifiedAt: string | null;
  validUntil: string | null;
  validityMonths: number;
  deniedBy: string | null;
  rejectedAt: string | null;
  rejectionReason: string | null;
  /** Whether the last adverse decision was appealed (kept for older snapshots; see `adverse`). */
  appealed: boolean;
  /** The last adverse decision that may be appealed; null when there is none (or it was reversed). Older snapshots lack it. */
  adverse?: AdverseDecision | null;
  /** The appeal under way (state `appeal`). */
  pendingAppeal?: PendingAppeal | null;
  /** While suspended: when, and the date to correct by (SUSPEND.correctBy, ISO). */
  suspendedAt?: string | null;
  correctBy?: string | null;
  /** Last reason given (suspend, revoke, remand, withdraw, appeal…). */
  lastReason: string | null;
};

export type CaseInput = {
  vendorOrgId: string;
  category: string;
  panelSize?: number;
  validityMonths?: number;
};

/** Facts the pure machine cannot compute; the caller looks them up and puts them in the event. */
export type EventFacts = {
  SUBMIT: { applicationComplete: boolean };
  ACCEPT: { lab: { accreditedForCategory: boolean } };
  /** `level` null: a complete report that meets no level (a formal denial follows unless appealed). */
  SUBMIT_REPORT: {
    report: {
      complete: boolean;
      level: Level | null;
      profile: Record<string, Level | null>;
      /**
       * What keeps the report from being submitted beyond its results (docs/domain.md#lab-evidence): a
       * missing envelope field, a sample of another software version, reversed or future test dates, an
       * item outside the lab's accreditation scope. One per field; absent or empty: none.
       */
      problems?: { field: string; reason: DomainCode; params: Record<string, ParamValue> }[];
    };
  };
  ASSIGN_PANEL: { experts: { id: string; orgIds: string[] }[]; barred?: PanelBars };
  /** The level the vendor applied for: an award below it may be appealed. */
  AWARD: { claimedLevel?: Level | null };
  /** The evidence cited, as found on the case (purpose and upload time). */
  REINSTATE: { evidence?: { id: string; purpose: string; uploadedAt: string }[] };
};

/** Experts this case remembers a conflict with, whatever its panels were (looked up from its history). */
export type PanelBars = {
  /** Recused from a panel of this case: never on its panel again. */
  recused: string[];
  /** Sat on a panel of this case before it was appealed: never on a later panel. */
  appealedPanel: string[];
  /**
   * Declared a conflict (docs/domain.md#conflict-declarations) with the case's vendor or lab
   * organisation that is in force at the event's time: never on this panel while it holds.
   * Optional so that callers without declarations to report (tests, old facts) need not list it.
   */
  declared?: string[];
};

/** The `details.reason` of a refused ASSIGN_PANEL that seats a barred expert. */
export const PANEL_BAR_REASONS = { recused: "EXPERT_RECUSED", appealedPanel: "EXPERT_ON_APPEALED_PANEL", declared: "EXPERT_DECLARED_CONFLICT" } as const;

export type EventType = keyof EventPayloads;

type Envelope = { actor: Actor; at: string };

export type CaseEventOf<T extends EventType> = { type: T } & Envelope &
  EventPayloads[T] &
  (T extends keyof EventFacts ? EventFacts[T] : unknown);

export type CaseEvent = { [T in EventType]: CaseEventOf<T> }[EventType];

export type RuleFailure = {
  ok: false;
  /** The HTTP-level code (status). */
  code: Extract<HttpErrorCode, "FORBIDDEN" | "CONFLICT" | "INVALID_INPUT">;
  /** The domain code (workflows/errors.ts) and its parameters. */
  reason: DomainCode;
  params: Record<string, ParamValue>;
  /** English, rendered from the registry. */
  message: string;
  /** Field → English message, with `reason` (the API's details). */
  details?: Record<string, string>;
  /** Field → code and parameters, for people's languages. */
  fields?: Record<string, DomainRef>;
};
export type RuleResult = { ok: true } | RuleFailure;
