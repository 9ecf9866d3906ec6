// The certification case lifecycle (docs/domain.md#lifecycle): one pure XState v5 machine, guards and assign only.
import { assign, setup } from "xstate";
import {
  addMonths,
  checkPermitted,
  panelAfterRecusal,
  recommend,
  recuseOutcome,
  upholdOutcome,
  voteOutcome,
  votesAfterVote,
} from "./rules";
import type { CaseContext, CaseEvent, CaseEventOf, CaseInput, EventType } from "./types";

export const DEFAULT_PANEL_SIZE = 3;
export const DEFAULT_VALIDITY_MONTHS = 36;

export function initialContext(input: CaseInput): CaseContext {
  return {
    vendorOrgId: input.vendorOrgId,
    category: input.category,
    panelSize: input.panelSize ?? DEFAULT_PANEL_SIZE,
    labId: null,
    labLevel: null,
    labProfile: null,
    panel: [],
    formerPanelists: [],
    needsFreshPanel: false,
    votes: [],
    round: 0,
    recommendation: null,
    returnReasons: [],
    awardedLevel: null,
    awardedBy: null,
    certifiedAt: null,
    validUntil: null,
    validityMonths: input.validityMonths ?? DEFAULT_VALIDITY_MONTHS,
    deniedBy: null,
    rejectedAt: null,
    rejectionReason: null,
    appealed: false,
    lastReason: null,
  };
}

type Args = { context: CaseContext; event: CaseEvent };

/** Narrows the event for an action; the guard on the transition already checked the type. */
function narrow<T extends EventType>(event: CaseEvent, type: T): CaseEventOf<T> {
  if (event.type !== type) throw new Error(`Expected ${type}, got ${event.type}`);
  return event as CaseEventOf<T>;
}

const permitted = ({ context, event }: Args) => checkPermitted(context, event).ok;

const uniq = (ids: string[]) => [...new Set(ids)];

/** Closes the panel: tally the votes of the round into the recommendation. */
const closePanel = (context: CaseContext): Partial<CaseContext> => ({
  recommendation: recommend(context, context.votes),
});

export const certificationMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
  },
  guards: {
    canSubmit: permitted,
    canWithdraw: permitted,
    canReturn: permitted,
    canRejectApplication: permitted,
    canAccept: permitted,
    canSubmitReport: permitted,
    canAssignPanel: permitted,
    canRecuse: permitted,
    recuseLeavesTooFewPanelists: (a: Args) => permitted(a) && recuseOutcome(a.context, narrow(a.event, "RECUSE")) === "forming",
    recuseClosesPanelForDecision: (a: Args) =>
      permitted(a) && recuseOutcome(a.context, narrow(a.event, "RECUSE")) === "decision",
    recuseClosesPanelForRetest: (a: Args) => permitted(a) && recuseOutcome(a.context, narrow(a.event, "RECUSE")) === "testing",
    canVote: permitted,
    voteClosesPanelForDecision: (a: Args) => permitted(a) && voteOutcome(a.context, narrow(a.event, "VOTE")) === "decision",
    voteClosesPanelForRetest: (a: Args) => permitted(a) && voteOutcome(a.context, narrow(a.event, "VOTE")) === "testing",
    canAward: permitted,
    canDeny: permitted,
    canRemand: permitted,
    canSuspend: permitted,
    canReinstate: permitted,
    canRevoke: permitted,
    canExpire: permitted,
    canAppeal: permitted,
    upholdAppealToReview: (a: Args) => permitted(a) && upholdOutcome(a.context) === "review",
    upholdAppealToScreening: (a: Args) => permitted(a) && upholdOutcome(a.context) === "screening",
    canDismissAppeal: permitted,
  },
  actions: {
    recordSubmission: assign({ lastReason: null }),
    recordWithdrawal: assign(({ event }) => ({ lastReason: narrow(event, "WITHDRAW").reason?.trim() || null })),
    recordReturn: assign(({ event }) => {
      const reasons = narrow(event, "RETURN").reasons.map((r) => r.trim());
      return { returnReasons: reasons, lastReason: reasons.join("; ") };
    }),
    recordApplicationRejection: assign(({ event }) => {
      const e = narrow(event, "REJECT_APPLICATION");
      return { rejectedAt: e.at, rejectionReason: e.reason.trim(), deniedBy: null, lastReason: e.reason.trim() };
    }),
    assignLab: assign(({ event }) => ({ labId: narrow(event, "ACCEPT").labId.trim() })),
    recordLabReport: assign(({ event }) => {
      const { report } = narrow(event, "SUBMIT_REPORT");
      return { labLevel: report.level, labProfile: { ...report.profile } };
    }),
    seatPanel: assign(({ context, event }) => {
      const e = narrow(event, "ASSIGN_PANEL");
      const ids = e.expertIds.map((id) => id.trim());
      return {
        formerPanelists: uniq([...context.formerPanelists, ...context.panel.map((s) => s.expertId)]),
        panel: ids.map((id) => ({
          expertId: id,
          orgIds: [...(e.experts.find((x) => x.id === id)?.orgIds ?? [])],
          active: true,
        })),
        needsFreshPanel: false,
        votes: [],
        recommendation: null,
        round: context.round + 1,
      };
    }),
    recordRecusal: assign(({ context, event }) => {
      const e = narrow(event, "RECUSE");
      return {
        panel: panelAfterRecusal(context, e),
        // A recused expert's vote no longer counts.
        votes: context.votes.filter((v) => v.expertId !== e.actor.id),
        formerPanelists: uniq([...context.formerPanelists, e.actor.id]),
      };
    }),
    recordVote: assign(({ context, event }) => ({ votes: votesAfterVote(context, narrow(event, "VOTE")) })),
    closePanel: assign(({ context }) => closePanel(context)),
    recordAward: assign(({ context, event }) => {
      const e = narrow(event, "AWARD");
      return {
        awardedLevel: e.level,
        awardedBy: e.actor.id,
        certifiedAt: e.at,
        validUntil: addMonths(e.at, context.validityMonths),
        lastReason: e.justification?.trim() || null,
      };
    }),
    recordDenial: assign(({ event }) => {
      const e = narrow(event, "DENY");
      return { deniedBy: e.actor.id, rejectedAt: e.at, rejectionReason: e.reason.trim(), lastReason: e.reason.trim() };
    }),
    recordRemand: assign(({ event }) => ({ lastReason: narrow(event, "REMAND").reason.trim() })),
    recordSuspension: assign(({ event }) => ({ lastReason: narrow(event, "SUSPEND").reason.trim() })),
    recordReinstatement: assign({ lastReason: null }),
    recordRevocation: assign(({ event }) => ({ lastReason: narrow(event, "REVOKE").reason.trim() })),
    recordAppeal: assign(({ event }) => ({ appealed: true, lastReason: narrow(event, "APPEAL").reason.trim() })),
    reopenAfterAppeal: assign(({ context, event }) => ({
      formerPanelists: uniq([...context.formerPanelists, ...context.panel.map((s) => s.expertId)]),
      panel: [],
      votes: [],
      recommendation: null,
      needsFreshPanel: true,
      lastReason: narrow(event, "UPHOLD_APPEAL").reason?.trim() || null,
    })),
    recordDismissal: assign(({ event }) => ({ lastReason: narrow(event, "DISMISS_APPEAL").reason.trim() })),
  },
}).createMachine({
  id: "certification",
  initial: "draft",
  context: ({ input }) => initialContext(input),
  states: {
    draft: {
      on: {
        SUBMIT: { guard: "canSubmit", target: "screening", actions: "recordSubmission" },
        WITHDRAW: { guard: "canWithdraw", target: "withdrawn", actions: "recordWithdrawal" },
      },
    },
    screening: {
      on: {
        RETURN: { guard: "canReturn", target: "draft", actions: "recordReturn" },
        REJECT_APPLICATION: { guard: "canRejectApplication", target: "rejected", actions: "recordApplicationRejection" },
        ACCEPT: { guard: "canAccept", target: "testing", actions: "assignLab" },
        WITHDRAW: { guard: "canWithdraw", target: "withdrawn", actions: "recordWithdrawal" },
      },
    },
    testing: {
      on: {
        SUBMIT_REPORT: { guard: "canSubmitReport", target: "review", actions: "recordLabReport" },
        WITHDRAW: { guard: "canWithdraw", target: "withdrawn", actions: "recordWithdrawal" },
      },
    },
    review: {
      initial: "forming",
      on: {
        WITHDRAW: { guard: "canWithdraw", target: "withdrawn", actions: "recordWithdrawal" },
      },
      states: {
        forming: {
          on: {
            ASSIGN_PANEL: { guard: "canAssignPanel", target: "voting", actions: "seatPanel" },
          },
        },
        voting: {
          on: {
            RECUSE: [
              { guard: "recuseLeavesTooFewPanelists", target: "forming", actions: "recordRecusal" },
              {
                guard: "recuseClosesPanelForDecision",
                target: "#certification.decision",
                actions: ["recordRecusal", "closePanel"],
              },
              {
                guard: "recuseClosesPanelForRetest",
                target: "#certification.testing",
                actions: ["recordRecusal", "closePanel"],
              },
              { guard: "canRecuse", actions: "recordRecusal" },
            ],
            VOTE: [
              {
                guard: "voteClosesPanelForDecision",
                target: "#certification.decision",
                actions: ["recordVote", "closePanel"],
              },
              {
                guard: "voteClosesPanelForRetest",
                target: "#certification.testing",
                actions: ["recordVote", "closePanel"],
              },
              { guard: "canVote", actions: "recordVote" },
            ],
          },
        },
      },
    },
    decision: {
      on: {
        AWARD: { guard: "canAward", target: "certified", actions: "recordAward" },
        DENY: { guard: "canDeny", target: "rejected", actions: "recordDenial" },
        REMAND: { guard: "canRemand", target: "review", actions: "recordRemand" },
        WITHDRAW: { guard: "canWithdraw", target: "withdrawn", actions: "recordWithdrawal" },
      },
    },
    certified: {
      on: {
        SUSPEND: { guard: "canSuspend", target: "suspended", actions: "recordSuspension" },
        REVOKE: { guard: "canRevoke", target: "revoked", actions: "recordRevocation" },
        EXPIRE: { guard: "canExpire", target: "expired" },
      },
    },
    suspended: {
      on: {
        REINSTATE: { guard: "canReinstate", target: "certified", actions: "recordReinstatement" },
        REVOKE: { guard: "canRevoke", target: "revoked", actions: "recordRevocation" },
        EXPIRE: { guard: "canExpire", target: "expired" },
      },
    },
    rejected: {
      on: {
        APPEAL: { guard: "canAppeal", target: "appeal", actions: "recordAppeal" },
      },
    },
    appeal: {
      on: {
        UPHOLD_APPEAL: [
          { guard: "upholdAppealToReview", target: "review", actions: "reopenAfterAppeal" },
          { guard: "upholdAppealToScreening", target: "screening", actions: "reopenAfterAppeal" },
        ],
        DISMISS_APPEAL: { guard: "canDismissAppeal", target: "rejected", actions: "recordDismissal" },
      },
    },
    withdrawn: { type: "final" },
    revoked: { type: "final" },
    expired: { type: "final" },
  },
});

export type CertificationMachine = typeof certificationMachine;
