// The certification case lifecycle (docs/domain.md#lifecycle): one pure XState v5 machine, guards and assign only.
import { assign, setup } from "xstate";
import {
  addMonths,
  checkPermitted,
  dismissOutcome,
  panelAfterRecusal,
  recommend,
  recuseOutcome,
  upholdOutcome,
  voteOutcome,
  votesAfterVote,
} from "./rules";
import { adverseDecision } from "./policy";
import { levelRank, type AdverseKind, type AppealableState, type CaseContext, type CaseEvent, type CaseEventOf, type CaseInput, type EventType } from "./types";

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
    adverse: null,
    pendingAppeal: null,
    suspendedAt: null,
    correctBy: null,
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

/** A new adverse decision (appealable once, within the window): docs/domain.md#due-process. */
const adverse = (kind: AdverseKind, event: CaseEvent): Pick<CaseContext, "adverse" | "appealed"> => ({
  adverse: { kind, at: event.at, by: event.actor.role === "system" ? null : event.actor.id, appealed: false },
  appealed: false,
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
    canDowngrade: permitted,
    canAppeal: permitted,
    upholdAppealToReview: (a: Args) => permitted(a) && upholdOutcome(a.context) === "review",
    upholdAppealToScreening: (a: Args) => permitted(a) && upholdOutcome(a.context) === "screening",
    upholdAppealToCertified: (a: Args) => permitted(a) && upholdOutcome(a.context) === "certified",
    dismissAppealToRejected: (a: Args) => permitted(a) && dismissOutcome(a.context) === "rejected",
    dismissAppealToCertified: (a: Args) => permitted(a) && dismissOutcome(a.context) === "certified",
    dismissAppealToSuspended: (a: Args) => permitted(a) && dismissOutcome(a.context) === "suspended",
    dismissAppealToRevoked: (a: Args) => permitted(a) && dismissOutcome(a.context) === "revoked",
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
      return { rejectedAt: e.at, rejectionReason: e.reason.trim(), deniedBy: null, lastReason: e.reason.trim(), ...adverse("screening", e) };
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
      // An award below the level applied for is an adverse decision the vendor may appeal.
      const below = e.claimedLevel != null && levelRank(e.level) < levelRank(e.claimedLevel);
      return {
        ...(below ? adverse("level", e) : { adverse: null }),
        awardedLevel: e.level,
        awardedBy: e.actor.id,
        certifiedAt: e.at,
        validUntil: addMonths(e.at, context.validityMonths),
        lastReason: e.justification?.trim() || null,
      };
    }),
    recordDenial: assign(({ event }) => {
      const e = narrow(event, "DENY");
      return { deniedBy: e.actor.id, rejectedAt: e.at, rejectionReason: e.reason.trim(), lastReason: e.reason.trim(), ...adverse("denial", e) };
    }),
    recordRemand: assign(({ event }) => ({ lastReason: narrow(event, "REMAND").reason.trim() })),
    recordSuspension: assign(({ event }) => {
      const e = narrow(event, "SUSPEND");
      return { lastReason: e.reason.trim(), suspendedAt: e.at, correctBy: new Date(Date.parse(e.correctBy)).toISOString(), ...adverse("suspension", e) };
    }),
    recordReinstatement: assign(({ event }) => ({
      lastReason: narrow(event, "REINSTATE").reason.trim(),
      suspendedAt: null,
      correctBy: null,
      adverse: null,
    })),
    recordRevocation: assign(({ event }) => {
      const e = narrow(event, "REVOKE");
      return { lastReason: e.reason.trim(), correctBy: null, ...adverse("revocation", e) };
    }),
    recordDowngrade: assign(({ event }) => {
      const e = narrow(event, "DOWNGRADE");
      return { awardedLevel: e.level, lastReason: e.reason.trim(), ...adverse("level", e) };
    }),
    recordAppeal: assign(({ context, event }, params: { from: AppealableState }) => {
      const e = narrow(event, "APPEAL");
      const decision = adverseDecision(context)!;
      return {
        appealed: true,
        adverse: { ...decision, appealed: true },
        pendingAppeal: {
          kind: decision.kind,
          from: params.from,
          decidedBy: decision.by,
          grounds: e.grounds.trim(),
          filedAt: e.at,
        },
        lastReason: e.grounds.trim(),
      };
    }),
    reinstateAfterAppeal: assign(({ event }) => ({
      pendingAppeal: null,
      adverse: null,
      suspendedAt: null,
      correctBy: null,
      lastReason: narrow(event, "UPHOLD_APPEAL").reason.trim(),
    })),
    reopenAfterAppeal: assign(({ context, event }) => ({
      pendingAppeal: null,
      adverse: null,
      formerPanelists: uniq([...context.formerPanelists, ...context.panel.map((s) => s.expertId)]),
      panel: [],
      votes: [],
      recommendation: null,
      needsFreshPanel: true,
      lastReason: narrow(event, "UPHOLD_APPEAL").reason.trim(),
    })),
    recordDismissal: assign(({ event }) => ({ pendingAppeal: null, lastReason: narrow(event, "DISMISS_APPEAL").reason.trim() })),
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
        DOWNGRADE: { guard: "canDowngrade", target: "certified", reenter: true, actions: "recordDowngrade" },
        EXPIRE: { guard: "canExpire", target: "expired" },
        APPEAL: { guard: "canAppeal", target: "appeal", actions: { type: "recordAppeal", params: { from: "certified" } } },
      },
    },
    suspended: {
      on: {
        REINSTATE: { guard: "canReinstate", target: "certified", actions: "recordReinstatement" },
        REVOKE: { guard: "canRevoke", target: "revoked", actions: "recordRevocation" },
        EXPIRE: { guard: "canExpire", target: "expired" },
        APPEAL: { guard: "canAppeal", target: "appeal", actions: { type: "recordAppeal", params: { from: "suspended" } } },
      },
    },
    rejected: {
      on: {
        APPEAL: { guard: "canAppeal", target: "appeal", actions: { type: "recordAppeal", params: { from: "rejected" } } },
      },
    },
    appeal: {
      on: {
        UPHOLD_APPEAL: [
          { guard: "upholdAppealToReview", target: "review", actions: "reopenAfterAppeal" },
          { guard: "upholdAppealToScreening", target: "screening", actions: "reopenAfterAppeal" },
          { guard: "upholdAppealToCertified", target: "certified", actions: "reinstateAfterAppeal" },
        ],
        DISMISS_APPEAL: [
          { guard: "dismissAppealToRejected", target: "rejected", actions: "recordDismissal" },
          { guard: "dismissAppealToCertified", target: "certified", actions: "recordDismissal" },
          { guard: "dismissAppealToSuspended", target: "suspended", actions: "recordDismissal" },
          { guard: "dismissAppealToRevoked", target: "revoked", actions: "recordDismissal" },
        ],
      },
    },
    withdrawn: { type: "final" },
    // Final once its appeal window has passed or its appeal was dismissed (docs/domain.md#due-process).
    revoked: {
      on: {
        APPEAL: { guard: "canAppeal", target: "appeal", actions: { type: "recordAppeal", params: { from: "revoked" } } },
      },
    },
    expired: { type: "final" },
  },
});

export type CertificationMachine = typeof certificationMachine;
