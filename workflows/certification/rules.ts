// The rules of the case lifecycle: which event, in which state, by whom, with what payload.
// The machine's guards call `checkPermitted`; the server calls `checkEvent` to explain a refusal.
import { tally } from "../review/tally";
import { eventPayloadSchemas } from "./schemas";
import {
  LEVELS,
  PANEL_BAR_REASONS,
  levelRank,
  type Actor,
  type CaseContext,
  type CaseEvent,
  type CaseEventOf,
  type EventType,
  type Recommendation,
  type RuleFailure,
  type RuleResult,
} from "./types";

export { eventPayloadSchemas };

export const EVENT_TYPES = [
  "SUBMIT",
  "WITHDRAW",
  "RETURN",
  "REJECT_APPLICATION",
  "ACCEPT",
  "SUBMIT_REPORT",
  "ASSIGN_PANEL",
  "RECUSE",
  "VOTE",
  "AWARD",
  "DENY",
  "REMAND",
  "SUSPEND",
  "REINSTATE",
  "REVOKE",
  "EXPIRE",
  "APPEAL",
  "UPHOLD_APPEAL",
  "DISMISS_APPEAL",
] as const satisfies readonly EventType[];

/** Every state a case can be in, as dotted strings (leaf states only). */
export const STATES = [
  "draft",
  "screening",
  "testing",
  "review.forming",
  "review.voting",
  "decision",
  "certified",
  "suspended",
  "rejected",
  "appeal",
  "withdrawn",
  "revoked",
  "expired",
] as const;
export type StateString = (typeof STATES)[number];

export const FINAL_STATES = ["withdrawn", "revoked", "expired"] as const satisfies readonly StateString[];

export const APPEAL_WINDOW_DAYS = 30;

/** The states each event may leave. The machine's transition table is tested to be exactly this. */
export const EVENT_SOURCES: Record<EventType, readonly StateString[]> = {
  SUBMIT: ["draft"],
  WITHDRAW: ["draft", "screening", "testing", "review.forming", "review.voting", "decision"],
  RETURN: ["screening"],
  REJECT_APPLICATION: ["screening"],
  ACCEPT: ["screening"],
  SUBMIT_REPORT: ["testing"],
  ASSIGN_PANEL: ["review.forming"],
  RECUSE: ["review.voting"],
  VOTE: ["review.voting"],
  AWARD: ["decision"],
  DENY: ["decision"],
  REMAND: ["decision"],
  SUSPEND: ["certified"],
  REINSTATE: ["suspended"],
  REVOKE: ["certified", "suspended"],
  EXPIRE: ["certified", "suspended"],
  APPEAL: ["rejected"],
  UPHOLD_APPEAL: ["appeal"],
  DISMISS_APPEAL: ["appeal"],
};

const OK: RuleResult = { ok: true };
const forbidden = (message: string): RuleFailure => ({ ok: false, code: "FORBIDDEN", message });
const conflict = (message: string): RuleFailure => ({ ok: false, code: "CONFLICT", message });
const invalid = (message: string, details?: Record<string, string>): RuleFailure => ({
  ok: false,
  code: "INVALID_INPUT",
  message,
  ...(details ? { details } : {}),
});

type Check = RuleFailure | null;

type Rule<T extends EventType> = {
  /** Role and assignment: who may send it (FORBIDDEN). */
  who: (ctx: CaseContext, actor: Actor) => Check;
  /** State of the world beyond the state value (CONFLICT). `at` is absent when only asking what is allowed. */
  world?: (ctx: CaseContext, actor: Actor, at: string | undefined) => Check;
  /** Payload and supplied facts, after the zod schema passed (INVALID_INPUT). */
  payload?: (ctx: CaseContext, event: CaseEventOf<T>) => Check;
};

// --- who ---------------------------------------------------------------------------------

const role =
  (r: Actor["role"], label: string) =>
  (_ctx: CaseContext, actor: Actor): Check =>
    actor.role === r ? null : forbidden(`Only ${label} may do this.`);

function vendorOfCase(ctx: CaseContext, actor: Actor): Check {
  if (actor.role !== "vendor") return forbidden("Only the applying vendor may do this.");
  if (actor.orgId !== ctx.vendorOrgId) return forbidden("This case belongs to another organisation.");
  return null;
}

function activeSeat(ctx: CaseContext, actor: Actor) {
  return ctx.panel.find((s) => s.expertId === actor.id && s.active);
}

function activePanelist(ctx: CaseContext, actor: Actor): Check {
  if (actor.role !== "expert") return forbidden("Only a panel expert may do this.");
  if (!activeSeat(ctx, actor)) return forbidden("You are not an active member of this case's panel.");
  return null;
}

function onPanel(ctx: CaseContext, actorId: string): boolean {
  return ctx.panel.some((s) => s.expertId === actorId);
}

/** The ministry user who decides a case may not sit on its panel. */
function deciderOffPanel(ctx: CaseContext, actor: Actor): Check {
  if (actor.role !== "ministry") return forbidden("Only the ministry may decide.");
  if (onPanel(ctx, actor.id)) return forbidden("A member of the case's panel may not decide it.");
  return null;
}

/** An appeal is decided by a different ministry user than the one who denied. */
function appealJudge(ctx: CaseContext, actor: Actor): Check {
  if (actor.role !== "ministry") return forbidden("Only the ministry may decide an appeal.");
  if (ctx.deniedBy !== null && actor.id === ctx.deniedBy)
    return forbidden("The ministry user who denied the case may not decide its appeal.");
  return null;
}

// --- time ---------------------------------------------------------------------------------

const DAY_MS = 24 * 60 * 60 * 1000;

/** `iso` plus `months` calendar months (UTC), clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.toISOString();
}

// --- panel arithmetic (shared by guards, actions and tests) --------------------------------

export type PanelOutcome = "open" | "decision" | "testing";

function closeOutcome(ctx: CaseContext, votes: CaseContext["votes"]): PanelOutcome {
  return recommend(ctx, votes).verdict === "retest" ? "testing" : "decision";
}

export function recommend(ctx: CaseContext, votes: CaseContext["votes"]): Recommendation {
  // labLevel is always set in review (SUBMIT_REPORT sets it); L1 only guards the type.
  return tally(votes, ctx.labLevel ?? "L1");
}

function allActiveVoted(panel: CaseContext["panel"], votes: CaseContext["votes"]): boolean {
  const active = panel.filter((s) => s.active);
  return active.length > 0 && active.every((s) => votes.some((v) => v.expertId === s.expertId));
}

/** Where a (permitted) VOTE leads: the panel stays open until every active panelist voted. */
export function voteOutcome(ctx: CaseContext, event: CaseEventOf<"VOTE">): PanelOutcome {
  const votes = votesAfterVote(ctx, event);
  return allActiveVoted(ctx.panel, votes) ? closeOutcome(ctx, votes) : "open";
}

export function votesAfterVote(ctx: CaseContext, event: CaseEventOf<"VOTE">): CaseContext["votes"] {
  return [
    ...ctx.votes,
    {
      expertId: event.actor.id,
      verdict: event.verdict,
      level: event.verdict === "approve" ? (event.level ?? null) : null,
      rationale: event.rationale.trim(),
      at: event.at,
    },
  ];
}

/** Where a (permitted) RECUSE leads: back to forming when too few remain; closed when all remaining voted. */
export function recuseOutcome(ctx: CaseContext, event: CaseEventOf<"RECUSE">): PanelOutcome | "forming" {
  const panel = panelAfterRecusal(ctx, event);
  const votes = ctx.votes.filter((v) => v.expertId !== event.actor.id);
  if (panel.filter((s) => s.active).length < ctx.panelSize) return "forming";
  return allActiveVoted(panel, votes) ? closeOutcome(ctx, votes) : "open";
}

export function panelAfterRecusal(ctx: CaseContext, event: CaseEventOf<"RECUSE">): CaseContext["panel"] {
  return ctx.panel.map((s) =>
    s.expertId === event.actor.id && s.active ? { ...s, active: false, recuseReason: event.reason.trim() } : s,
  );
}

/** An upheld appeal goes back to review, or to screening when the case never reached a lab report. */
export function upholdOutcome(ctx: CaseContext): "review" | "screening" {
  return ctx.labLevel !== null ? "review" : "screening";
}

// --- the rules ----------------------------------------------------------------------------

const RULES: { [T in EventType]: Rule<T> } = {
  SUBMIT: {
    who: vendorOfCase,
    payload: (_ctx, e) =>
      e.applicationComplete === true
        ? null
        : invalid("The application is incomplete.", { application: "The application is incomplete." }),
  },
  WITHDRAW: { who: vendorOfCase },
  RETURN: { who: role("secretariat", "the secretariat") },
  REJECT_APPLICATION: { who: role("secretariat", "the secretariat") },
  ACCEPT: {
    who: role("secretariat", "the secretariat"),
    payload: (ctx, e) => {
      if (!e.lab || e.lab.accreditedForCategory !== true)
        return invalid("The lab is not accredited for this category.", {
          labId: `Lab is not accredited for category ${ctx.category}.`,
        });
      if (e.labId === ctx.vendorOrgId)
        return invalid("The lab belongs to the vendor's organisation.", {
          labId: "The lab may not be the vendor's own organisation.",
        });
      return null;
    },
  },
  SUBMIT_REPORT: {
    who: (ctx, actor) => {
      if (actor.role !== "lab") return forbidden("Only the assigned lab may submit the report.");
      if (ctx.labId === null || actor.orgId !== ctx.labId) return forbidden("Your lab is not assigned to this case.");
      return null;
    },
    payload: (_ctx, e) => {
      const r = e.report;
      if (!r || r.complete !== true)
        return invalid("The lab report is incomplete.", { report: "The lab report is incomplete." });
      if (!(LEVELS as readonly string[]).includes(r.level))
        return invalid("The lab report has no valid level.", { "report.level": "Unknown level." });
      return null;
    },
  },
  ASSIGN_PANEL: {
    who: role("secretariat", "the secretariat"),
    payload: (ctx, e) => {
      const details: Record<string, string> = {};
      const ids = e.expertIds.map((id) => id.trim());
      const distinct = new Set(ids);
      if (distinct.size !== ids.length) details.expertIds = "An expert is listed twice.";
      else if (distinct.size < ctx.panelSize)
        details.expertIds = `At least ${ctx.panelSize} experts are needed, got ${distinct.size}.`;
      // Conflicts are remembered per case: a recused expert, or one who sat on a panel before the
      // case was appealed, never sits on its panel again (the refusal names the expert and why).
      const barred = e.barred ?? { recused: [], appealedPanel: [] };
      let reason: string | null = null;
      ids.forEach((id, i) => {
        const expert = (e.experts ?? []).find((x) => x.id === id);
        const key = `expertIds.${i}`;
        if (!expert) details[key] = `Unknown expert ${id}.`;
        else if (expert.orgIds.includes(ctx.vendorOrgId))
          details[key] = `Expert ${id} is affiliated with the vendor.`;
        else if (ctx.labId !== null && expert.orgIds.includes(ctx.labId))
          details[key] = `Expert ${id} is affiliated with the lab.`;
        else if (barred.recused.includes(id)) {
          details[key] = `Expert ${id} recused from this case and may never sit on its panel again.`;
          reason ??= PANEL_BAR_REASONS.recused;
        } else if (barred.appealedPanel.includes(id)) {
          details[key] = `Expert ${id} sat on a panel of this case before its appeal and may not sit on a later one.`;
          reason ??= PANEL_BAR_REASONS.appealedPanel;
        } else if (ctx.needsFreshPanel && ctx.formerPanelists.includes(id))
          details[key] = `Expert ${id} sat on an earlier panel of this case; an upheld appeal needs a new panel.`;
      });
      if (reason) details.reason = reason;
      return Object.keys(details).length ? invalid("The panel cannot be assigned as proposed.", details) : null;
    },
  },
  RECUSE: { who: activePanelist },
  VOTE: {
    who: activePanelist,
    world: (ctx, actor) =>
      ctx.votes.some((v) => v.expertId === actor.id) ? conflict("You have already voted in this round.") : null,
    payload: (ctx, e) => {
      if (e.verdict === "approve") {
        if (e.level == null) return invalid("An approving vote needs a level.", { level: "Required for approve." });
        if (ctx.labLevel === null || levelRank(e.level) > levelRank(ctx.labLevel))
          return invalid("The level may not exceed the lab-determined level.", {
            level: `At most ${ctx.labLevel ?? "the lab level"}.`,
          });
      } else if (e.level != null) {
        return invalid("Only an approving vote carries a level.", { level: "Must be empty unless approving." });
      }
      return null;
    },
  },
  AWARD: {
    who: deciderOffPanel,
    world: (ctx) => (ctx.labLevel === null ? conflict("The case has no lab-determined level.") : null),
    payload: (ctx, e) => {
      if (ctx.labLevel === null || levelRank(e.level) > levelRank(ctx.labLevel))
        return invalid("The level may not exceed the lab-determined level.", { level: `At most ${ctx.labLevel}.` });
      const rec = ctx.recommendation;
      const differs = rec === null || rec.verdict !== "approve" || rec.level !== e.level;
      if (differs && !e.justification?.trim())
        return invalid("A justification is required when the award differs from the panel's recommendation.", {
          justification: "Required when the award differs from the recommendation.",
        });
      return null;
    },
  },
  DENY: { who: deciderOffPanel },
  REMAND: { who: role("ministry", "the ministry") },
  SUSPEND: { who: role("ministry", "the ministry") },
  REINSTATE: { who: role("ministry", "the ministry") },
  REVOKE: { who: role("ministry", "the ministry") },
  EXPIRE: {
    who: role("system", "the system"),
    world: (ctx, _actor, at) => {
      if (at === undefined) return null;
      if (ctx.validUntil === null || Date.parse(at) < Date.parse(ctx.validUntil))
        return conflict(`The certificate is valid until ${ctx.validUntil}.`);
      return null;
    },
  },
  APPEAL: {
    who: vendorOfCase,
    world: (ctx, _actor, at) => {
      if (ctx.appealed) return conflict("This case has already been appealed; a case may be appealed once.");
      if (at === undefined) return null;
      if (ctx.rejectedAt === null || Date.parse(at) - Date.parse(ctx.rejectedAt) > APPEAL_WINDOW_DAYS * DAY_MS)
        return conflict(`The ${APPEAL_WINDOW_DAYS}-day appeal window has closed.`);
      return null;
    },
  },
  UPHOLD_APPEAL: { who: appealJudge },
  DISMISS_APPEAL: { who: appealJudge },
};

// --- entry points -------------------------------------------------------------------------

function isEventType(type: unknown): type is EventType {
  return typeof type === "string" && (EVENT_TYPES as readonly string[]).includes(type);
}

function zodDetails(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const details: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    details[key] ??= issue.message;
  }
  return details;
}

/**
 * Everything except the state value: actor, state of the world, payload and facts.
 * The machine's guards call this; the transition they sit on encodes the state.
 */
export function checkPermitted(ctx: CaseContext, event: CaseEvent): RuleResult {
  if (!isEventType((event as { type?: unknown })?.type))
    return conflict(`Unknown event ${String((event as { type?: unknown })?.type)}.`);
  if (!event.actor || typeof event.actor.id !== "string") return forbidden("The event has no actor.");
  if (typeof event.at !== "string" || Number.isNaN(Date.parse(event.at)))
    return invalid("The event has no valid time.", { at: "An ISO date-time is required." });
  const rule = RULES[event.type] as Rule<EventType>;
  const failure =
    rule.who(ctx, event.actor) ??
    rule.world?.(ctx, event.actor, event.at) ??
    schemaCheck(event) ??
    rule.payload?.(ctx, event as never) ??
    null;
  return failure ?? OK;
}

function schemaCheck(event: CaseEvent): Check {
  const parsed = eventPayloadSchemas[event.type].safeParse(event);
  return parsed.success ? null : invalid("The request is not valid.", zodDetails(parsed.error.issues));
}

export function isEventAllowedIn(stateValue: string, type: EventType): boolean {
  return (EVENT_SOURCES[type] as readonly string[]).includes(stateValue);
}

/** Whether `event` may happen to a case in `stateValue` (dotted, e.g. 'review.voting') and, if not, why. */
export function checkEvent(stateValue: string, ctx: CaseContext, event: CaseEvent): RuleResult {
  if (!isEventType((event as { type?: unknown })?.type))
    return conflict(`Unknown event ${String((event as { type?: unknown })?.type)}.`);
  if (!isEventAllowedIn(stateValue, event.type))
    return conflict(`${event.type} is not possible while the case is in ${stateValue}.`);
  return checkPermitted(ctx, event);
}

/**
 * The events `actor` could send now if the payload were right: state, role, assignment and
 * state-of-world checks; the time-dependent ones (appeal window, expiry) only when `at` is given.
 */
export function allowedEvents(stateValue: string, ctx: CaseContext, actor: Actor, at?: string): EventType[] {
  return EVENT_TYPES.filter((type) => {
    if (!isEventAllowedIn(stateValue, type)) return false;
    const rule = RULES[type] as Rule<EventType>;
    return !rule.who(ctx, actor) && !rule.world?.(ctx, actor, at);
  });
}
