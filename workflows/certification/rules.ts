// The rules of the case lifecycle: which event, in which state, by whom, with what payload.
// The machine's guards call `checkPermitted`; the server calls `checkEvent` to explain a refusal.
import { tally } from "../review/tally";
import { domainRef, englishMessage, httpCodeOf, zodFields, type DomainCode, type DomainRef, type ParamValue } from "../errors";
import { eventPayloadSchemas } from "./schemas";
import { APPEAL_WINDOW_DAYS, DAY_MS, SUSPENSION_MAX_DAYS, adverseDecision, appealDeadline, mayRoleSend } from "./policy";
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
  "DOWNGRADE",
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

/**
 * States no event leaves. A revocation is not among them: it may be appealed within its window
 * (docs/domain.md#due-process), and is final only once the window has passed or the appeal was dismissed.
 */
export const FINAL_STATES = ["withdrawn", "expired"] as const satisfies readonly StateString[];

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
  DOWNGRADE: ["certified"],
  EXPIRE: ["certified", "suspended"],
  APPEAL: ["rejected", "certified", "suspended", "revoked"],
  UPHOLD_APPEAL: ["appeal"],
  DISMISS_APPEAL: ["appeal"],
};

const OK: RuleResult = { ok: true };

/**
 * A refusal by domain code: the HTTP code and English message come from the registry
 * (workflows/errors.ts); `fields` name the fields at fault. `details` (the API's) holds the code as
 * `reason` and each field's English message, or the given English field messages (zod's).
 */
function fail(
  reason: DomainCode,
  params: Record<string, ParamValue> = {},
  fields?: Record<string, DomainRef>,
  fieldMessages?: Record<string, string>,
): RuleFailure {
  const messages =
    fieldMessages ?? Object.fromEntries(Object.entries(fields ?? {}).map(([k, r]) => [k, englishMessage(r.reason, r.params)]));
  return {
    ok: false,
    code: httpCodeOf(reason) as RuleFailure["code"],
    reason,
    params,
    message: englishMessage(reason, params),
    // zod's details are keyed by field only (a field may be called `reason`).
    details: fieldMessages ? messages : { ...messages, reason },
    ...(fields ? { fields } : {}),
  };
}

/** A refusal about one field: the code is the request's reason and the field's. */
function fieldFail(field: string, ref: DomainRef): RuleFailure {
  return fail(ref.reason, ref.params, { [field]: ref });
}

type Check = RuleFailure | null;

/**
 * The envelope, the sample's version and the lab's scope (docs/domain.md#lab-evidence): every problem
 * named on its field; the refusal's own code is REPORT_ENVELOPE_INCOMPLETE when fields are missing
 * (listing them), else the first problem's.
 */
function envelopeFailure(problems: { field: string; reason: DomainCode; params: Record<string, ParamValue> }[]): Check {
  if (!problems.length) return null;
  const fields = Object.fromEntries(problems.map((p) => [p.field, { reason: p.reason, params: p.params } as DomainRef]));
  const missing = problems.filter((p) => p.reason === "ENVELOPE_FIELD_REQUIRED").map((p) => p.field);
  if (missing.length) return fail("REPORT_ENVELOPE_INCOMPLETE", { missing: missing.join(", ") }, fields);
  return fail(problems[0].reason, problems[0].params, fields);
}

type Rule<T extends EventType> = {
  /** Assignment, beyond the role (EVENT_ROLES): which vendor, lab, expert or minister (FORBIDDEN). */
  who?: (ctx: CaseContext, actor: Actor) => Check;
  /** State of the world beyond the state value (CONFLICT). `at` is absent when only asking what is allowed. */
  world?: (ctx: CaseContext, actor: Actor, at: string | undefined) => Check;
  /** Payload and supplied facts, after the zod schema passed (INVALID_INPUT). */
  payload?: (ctx: CaseContext, event: CaseEventOf<T>) => Check;
};

// --- who ---------------------------------------------------------------------------------

function vendorOfCase(ctx: CaseContext, actor: Actor): Check {
  return actor.orgId !== ctx.vendorOrgId ? fail("NOT_CASE_VENDOR") : null;
}

function activeSeat(ctx: CaseContext, actor: Actor) {
  return ctx.panel.find((s) => s.expertId === actor.id && s.active);
}

function activePanelist(ctx: CaseContext, actor: Actor): Check {
  return activeSeat(ctx, actor) ? null : fail("NOT_ACTIVE_PANELIST");
}

function onPanel(ctx: CaseContext, actorId: string): boolean {
  return ctx.panel.some((s) => s.expertId === actorId);
}

/** The ministry user who decides a case may not sit on its panel. */
function deciderOffPanel(ctx: CaseContext, actor: Actor): Check {
  return onPanel(ctx, actor.id) ? fail("DECIDER_ON_PANEL") : null;
}

/** An appeal is decided by a different ministry user than the one who took the decision appealed. */
function appealJudge(ctx: CaseContext, actor: Actor): Check {
  const decidedBy = ctx.pendingAppeal ? ctx.pendingAppeal.decidedBy : ctx.deniedBy;
  return decidedBy !== null && actor.id === decidedBy ? fail("APPEAL_JUDGE_DENIED") : null;
}

// --- time ---------------------------------------------------------------------------------

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

/**
 * Where an upheld appeal leads, by what was appealed: a denial or a level goes to a new panel
 * (review), a screening rejection back to screening, a suspension or revocation back to certified.
 * (Snapshots from before `pendingAppeal` only appealed rejections: review once a lab had reported.)
 */
export function upholdOutcome(ctx: CaseContext): "review" | "screening" | "certified" {
  const kind = ctx.pendingAppeal?.kind ?? (ctx.deniedBy !== null ? "denial" : "screening");
  if (kind === "denial" || kind === "level") return "review";
  if (kind === "screening") return "screening";
  return "certified";
}

/** Where a dismissed appeal leads: back to the state it came from. */
export function dismissOutcome(ctx: CaseContext): "rejected" | "certified" | "suspended" | "revoked" {
  return ctx.pendingAppeal?.from ?? "rejected";
}

// --- the rules ----------------------------------------------------------------------------

const RULES: { [T in EventType]: Rule<T> } = {
  SUBMIT: {
    who: vendorOfCase,
    payload: (_ctx, e) => (e.applicationComplete === true ? null : fieldFail("application", domainRef("APPLICATION_INCOMPLETE"))),
  },
  WITHDRAW: { who: vendorOfCase },
  RETURN: {},
  REJECT_APPLICATION: {},
  ACCEPT: {
    payload: (ctx, e) => {
      if (!e.lab || e.lab.accreditedForCategory !== true)
        return fieldFail("labId", domainRef("LAB_NOT_ACCREDITED", { category: ctx.category }));
      if (e.labId === ctx.vendorOrgId) return fieldFail("labId", domainRef("LAB_IS_VENDOR"));
      return null;
    },
  },
  SUBMIT_REPORT: {
    who: (ctx, actor) => (ctx.labId === null || actor.orgId !== ctx.labId ? fail("LAB_NOT_ASSIGNED") : null),
    payload: (_ctx, e) => {
      const r = e.report;
      if (!r || r.complete !== true) return fieldFail("report", domainRef("REPORT_INCOMPLETE"));
      // A complete report that meets no level (null) is a valid report: review goes on to a formal denial.
      if (r.level !== null && !(LEVELS as readonly string[]).includes(r.level))
        return fieldFail("report.level", domainRef("REPORT_LEVEL_UNKNOWN"));
      return envelopeFailure(r.problems ?? []);
    },
  },
  ASSIGN_PANEL: {
    payload: (ctx, e) => {
      const fields: Record<string, DomainRef> = {};
      const ids = e.expertIds.map((id) => id.trim());
      const distinct = new Set(ids);
      if (distinct.size !== ids.length) fields.expertIds = domainRef("EXPERT_LISTED_TWICE");
      else if (distinct.size < ctx.panelSize)
        fields.expertIds = domainRef("PANEL_TOO_SMALL", { needed: ctx.panelSize, got: distinct.size });
      // Conflicts are remembered per case: a recused expert, or one who sat on a panel before the
      // case was appealed, never sits on its panel again (the refusal names the expert and why).
      const barred = e.barred ?? { recused: [], appealedPanel: [] };
      let bar: DomainRef | null = null;
      ids.forEach((id, i) => {
        const expert = (e.experts ?? []).find((x) => x.id === id);
        const key = `expertIds.${i}`;
        const expertId = id;
        if (!expert) fields[key] = domainRef("EXPERT_UNKNOWN", { expertId });
        else if (expert.orgIds.includes(ctx.vendorOrgId)) fields[key] = domainRef("EXPERT_AFFILIATED_VENDOR", { expertId });
        else if (ctx.labId !== null && expert.orgIds.includes(ctx.labId)) fields[key] = domainRef("EXPERT_AFFILIATED_LAB", { expertId });
        else if (barred.recused.includes(id)) {
          fields[key] = domainRef(PANEL_BAR_REASONS.recused, { expertId });
          bar ??= fields[key];
        } else if (barred.appealedPanel.includes(id)) {
          fields[key] = domainRef(PANEL_BAR_REASONS.appealedPanel, { expertId });
          bar ??= fields[key];
        } else if ((barred.declared ?? []).includes(id)) {
          // The expert declared a conflict with the vendor or the lab (docs/domain.md#conflict-declarations).
          fields[key] = domainRef(PANEL_BAR_REASONS.declared, { expertId });
          bar ??= fields[key];
        } else if (ctx.needsFreshPanel && ctx.formerPanelists.includes(id))
          fields[key] = domainRef("EXPERT_FORMER_PANELIST", { expertId });
      });
      if (!Object.keys(fields).length) return null;
      // A barred expert is the reason the API names (details.reason); otherwise the panel as a whole.
      const chosen: DomainRef = bar ?? domainRef("PANEL_NOT_ASSIGNABLE");
      return fail(chosen.reason, chosen.params, fields);
    },
  },
  RECUSE: { who: activePanelist },
  VOTE: {
    who: activePanelist,
    world: (ctx, actor) => (ctx.votes.some((v) => v.expertId === actor.id) ? fail("ALREADY_VOTED") : null),
    payload: (ctx, e) => {
      if (e.verdict === "approve") {
        if (ctx.labLevel === null) return fieldFail("verdict", domainRef("NO_LEVEL_MET"));
        if (e.level == null) return fieldFail("level", domainRef("VOTE_NEEDS_LEVEL"));
        if (levelRank(e.level) > levelRank(ctx.labLevel))
          return fieldFail("level", domainRef("LEVEL_ABOVE_LAB", { level: e.level, labLevel: ctx.labLevel ?? "—" }));
      } else if (e.level != null) {
        return fieldFail("level", domainRef("VOTE_LEVEL_ONLY_ON_APPROVE"));
      }
      return null;
    },
  },
  AWARD: {
    who: deciderOffPanel,
    world: (ctx) => (ctx.labLevel === null ? fail("NO_LAB_LEVEL") : null),
    payload: (ctx, e) => {
      if (ctx.labLevel === null || levelRank(e.level) > levelRank(ctx.labLevel))
        return fieldFail("level", domainRef("LEVEL_ABOVE_LAB", { level: e.level, labLevel: ctx.labLevel ?? "—" }));
      const rec = ctx.recommendation;
      const differs = rec === null || rec.verdict !== "approve" || rec.level !== e.level;
      if (differs && !e.justification?.trim()) return fieldFail("justification", domainRef("JUSTIFICATION_REQUIRED"));
      return null;
    },
  },
  DENY: { who: deciderOffPanel },
  REMAND: {},
  SUSPEND: {
    payload: (_ctx, e) => {
      const correctBy = Date.parse(e.correctBy);
      const at = Date.parse(e.at);
      if (!(correctBy > at)) return fieldFail("correctBy", domainRef("CORRECT_BY_IN_PAST"));
      const latest = at + SUSPENSION_MAX_DAYS * DAY_MS;
      if (correctBy > latest)
        return fieldFail("correctBy", domainRef("CORRECT_BY_TOO_FAR", { days: SUSPENSION_MAX_DAYS, latest: new Date(latest).toISOString() }));
      return null;
    },
  },
  REINSTATE: {
    payload: (ctx, e) => {
      const ids = (e.evidenceIds ?? []).map((id) => id.trim());
      if (ids.length === 0) return fieldFail("evidenceIds", domainRef("REINSTATE_NEEDS_EVIDENCE"));
      // Each piece must be the vendor's corrective evidence on this case, uploaded since the suspension.
      const since = ctx.suspendedAt ? Date.parse(ctx.suspendedAt) : -Infinity;
      const found = e.evidence ?? [];
      for (const [i, evidenceId] of ids.entries()) {
        const piece = found.find((x) => x.id === evidenceId);
        if (!piece || piece.purpose !== "corrective" || Date.parse(piece.uploadedAt) < since)
          return fail("EVIDENCE_NOT_CORRECTIVE", { evidenceId }, { [`evidenceIds.${i}`]: domainRef("EVIDENCE_NOT_CORRECTIVE", { evidenceId }) });
      }
      return null;
    },
  },
  REVOKE: {},
  DOWNGRADE: {
    world: (ctx) => (ctx.awardedLevel === null ? fail("NO_LAB_LEVEL") : null),
    payload: (ctx, e) =>
      ctx.awardedLevel === null || levelRank(e.level) >= levelRank(ctx.awardedLevel)
        ? fieldFail("level", domainRef("LEVEL_NOT_BELOW_AWARDED", { level: e.level, awardedLevel: ctx.awardedLevel ?? "—" }))
        : null,
  },
  EXPIRE: {
    world: (ctx, _actor, at) => {
      if (at === undefined) return null;
      if (ctx.validUntil === null || Date.parse(at) < Date.parse(ctx.validUntil))
        return fail("CERTIFICATE_STILL_VALID", { validUntil: ctx.validUntil ?? "—" });
      return null;
    },
  },
  APPEAL: {
    who: vendorOfCase,
    world: (ctx, _actor, at) => {
      const adverse = adverseDecision(ctx);
      if (adverse === null) return fail("NOTHING_TO_APPEAL");
      if (adverse.appealed) return fail("ALREADY_APPEALED");
      if (at === undefined) return null;
      const deadline = appealDeadline(ctx);
      if (deadline === null || Date.parse(at) > Date.parse(deadline))
        return fail("APPEAL_WINDOW_CLOSED", { days: APPEAL_WINDOW_DAYS, deadline: deadline ?? "—" });
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

/**
 * Everything except the state value: actor, state of the world, payload and facts.
 * The machine's guards call this; the transition they sit on encodes the state.
 */
export function checkPermitted(ctx: CaseContext, event: CaseEvent): RuleResult {
  const type = (event as { type?: unknown })?.type;
  if (!isEventType(type)) return fail("UNKNOWN_EVENT", { event: String(type) });
  if (!event.actor || typeof event.actor.id !== "string") return fail("NO_ACTOR");
  if (typeof event.at !== "string" || Number.isNaN(Date.parse(event.at)))
    return fieldFail("at", domainRef("INVALID_EVENT_TIME"));
  const rule = RULES[event.type] as Rule<EventType>;
  const failure =
    whoCheck(ctx, event.actor, event.type) ??
    rule.world?.(ctx, event.actor, event.at) ??
    schemaCheck(event) ??
    rule.payload?.(ctx, event as never) ??
    null;
  return failure ?? OK;
}

/** The role (EVENT_ROLES, the one table) and then the assignment the event's rule asks for. */
function whoCheck(ctx: CaseContext, actor: Actor, type: EventType): Check {
  if (!mayRoleSend(actor.role, type)) return fail("ROLE_MAY_NOT_SEND", { role: actor.role, event: type });
  return (RULES[type] as Rule<EventType>).who?.(ctx, actor) ?? null;
}

function schemaCheck(event: CaseEvent): Check {
  const parsed = eventPayloadSchemas[event.type].safeParse(event);
  if (parsed.success) return null;
  const { messages, fields } = zodFields(parsed.error.issues);
  return fail("INVALID_REQUEST", {}, fields, messages);
}

export function isEventAllowedIn(stateValue: string, type: EventType): boolean {
  return (EVENT_SOURCES[type] as readonly string[]).includes(stateValue);
}

/** Whether `event` may happen to a case in `stateValue` (dotted, e.g. 'review.voting') and, if not, why. */
export function checkEvent(stateValue: string, ctx: CaseContext, event: CaseEvent): RuleResult {
  const type = (event as { type?: unknown })?.type;
  if (!isEventType(type)) return fail("UNKNOWN_EVENT", { event: String(type) });
  if (!isEventAllowedIn(stateValue, type)) return fail("EVENT_NOT_ALLOWED_IN_STATE", { event: type, state: stateValue });
  return checkPermitted(ctx, event);
}

/**
 * Whether `actor` could send `type` now if the payload were right, and if not, why: state, role,
 * assignment and state-of-world checks; the time-dependent ones (appeal window, expiry) only when
 * `at` is given.
 */
export function checkAllowed(stateValue: string, ctx: CaseContext, actor: Actor, type: EventType, at?: string): RuleResult {
  if (!isEventAllowedIn(stateValue, type)) return fail("EVENT_NOT_ALLOWED_IN_STATE", { event: type, state: stateValue });
  return whoCheck(ctx, actor, type) ?? (RULES[type] as Rule<EventType>).world?.(ctx, actor, at) ?? OK;
}

/** The events `actor` could send now if the payload were right (see checkAllowed). */
export function allowedEvents(stateValue: string, ctx: CaseContext, actor: Actor, at?: string): EventType[] {
  return EVENT_TYPES.filter((type) => checkAllowed(stateValue, ctx, actor, type, at).ok);
}
