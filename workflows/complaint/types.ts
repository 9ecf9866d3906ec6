// Domain types of a complaint (docs/domain.md#complaints): its states, outcomes, context and events. Pure.

export const COMPLAINT_STATES = ["received", "investigating", "closed"] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

export const COMPLAINT_EVENT_TYPES = ["TRIAGE", "CLOSE"] as const;
export type ComplaintEventType = (typeof COMPLAINT_EVENT_TYPES)[number];

export const COMPLAINT_OUTCOMES = ["no_action", "vendor_response", "surveillance", "suspension_recommended"] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** Why a person may not handle a complaint about a case: their part in that case (codes of workflows/errors.ts). */
export const HANDLER_BAR_REASONS = [
  "HANDLER_NOT_ELIGIBLE",
  "HANDLER_OF_CASE_ORG",
  "HANDLER_ON_PANEL",
  "HANDLER_DECIDED_CASE",
  "HANDLER_ACTED_ON_CASE",
] as const;
export type HandlerBarReason = (typeof HANDLER_BAR_REASONS)[number];

export type ComplaintActor = { id: string; role: string };

export type ComplaintContext = {
  handlerId: string | null;
  triagedBy: string | null;
  outcome: ComplaintOutcome | null;
  publicSummary: string | null;
  closedBy: string | null;
};

type Envelope = { actor: ComplaintActor; at: string };

export type ComplaintEvent =
  | (Envelope & {
      type: "TRIAGE";
      handlerId: string;
      /** Looked up by the door: why the chosen handler is barred (empty when free to handle it). */
      handlerBars: HandlerBarReason[];
    })
  | (Envelope & { type: "CLOSE"; outcome: ComplaintOutcome; publicSummary: string });

export type ComplaintEventOf<T extends ComplaintEventType> = Extract<ComplaintEvent, { type: T }>;
