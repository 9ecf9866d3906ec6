// Domain types of a change case (docs/domain.md#after-care): a change of a certified product, or a
// surveillance of it. Its states, events, outcomes and context. Pure.
import type { Level } from "../certification/types";

/** What a vendor reports: a change of the certified product. */
export const REPORTED_CHANGE_KINDS = ["software", "on_device_model", "cloud_model", "hardware"] as const;
export type ReportedChangeKind = (typeof REPORTED_CHANGE_KINDS)[number];
/** Every kind of change case; `surveillance` is opened by the portal (due) or the secretariat. */
export const CHANGE_KINDS = [...REPORTED_CHANGE_KINDS, "surveillance"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_STATES = ["classification", "retesting", "evaluation", "amended", "downgraded", "suspended", "withdrawn"] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];
/** Where a change case ends. */
export const CHANGE_FINAL_STATES = ["amended", "downgraded", "suspended", "withdrawn"] as const satisfies readonly ChangeState[];
export const CHANGE_OPEN_STATES = ["classification", "retesting", "evaluation"] as const satisfies readonly ChangeState[];

export const CHANGE_EVENT_TYPES = ["CLASSIFY", "SUBMIT_REPORT", "CONCLUDE", "WITHDRAW"] as const;
export type ChangeEventType = (typeof CHANGE_EVENT_TYPES)[number];

export const CHANGE_CLASSIFICATIONS = ["minor", "major"] as const;
export type ChangeClassification = (typeof CHANGE_CLASSIFICATIONS)[number];

export const CHANGE_OUTCOMES = ["amended", "downgraded", "suspended"] as const;
export type ChangeOutcome = (typeof CHANGE_OUTCOMES)[number];

export type ChangeActor = { id: string; role: string; orgId: string | null };

export type ChangeContext = {
  kind: ChangeKind;
  /** The lab of the parent case: the one that re-tests. */
  labId: string | null;
  classification: ChangeClassification | null;
  /** The items to re-test (major changes and surveillance). */
  items: string[];
  classifiedBy: string | null;
  classifyReason: string | null;
  /** The level the re-test supports (the case's results with the re-tested ones replacing them); set by SUBMIT_REPORT. */
  retestLevel: Level | null;
  /** The re-tested items that miss the awarded level's threshold. */
  failing: string[];
  reportedAt: string | null;
  outcome: ChangeOutcome | null;
  level: Level | null;
  reason: string | null;
  concludedBy: string | null;
};

type Envelope = { actor: ChangeActor; at: string };

/** The re-test report as the door found it (the facts SUBMIT_REPORT is judged on). */
export type ChangeReportFacts = { complete: boolean; items: string[]; level: Level | null; failing: string[] } | null;

export type ChangeEvent =
  | (Envelope & {
      type: "CLASSIFY";
      classification: ChangeClassification;
      items: string[];
      reason: string;
      /** Looked up by the door: every item key of the case's scheme. */
      schemeItems: string[];
    })
  | (Envelope & { type: "SUBMIT_REPORT"; report: ChangeReportFacts })
  | (Envelope & {
      type: "CONCLUDE";
      outcome: ChangeOutcome;
      level?: Level | null;
      reason: string;
      correctBy?: string | null;
      /** Looked up by the door: the parent case's awarded level, and whether the surveillance is overdue. */
      awardedLevel: Level | null;
      overdue: boolean;
    })
  | (Envelope & { type: "WITHDRAW"; reason?: string | null });

export type ChangeEventOf<T extends ChangeEventType> = Extract<ChangeEvent, { type: T }>;
