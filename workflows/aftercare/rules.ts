// The rules of the change machine: who may send which event, in which state, with what. The
// machine's guards call `checkChangeEvent`; the door (lib/aftercare) calls it too, to say why an
// event is refused. Pure.
import { z } from "zod";
import type { DomainCode, ParamValue } from "../errors";
import { LEVELS, levelRank, type Level } from "../certification/types";
import {
  CHANGE_CLASSIFICATIONS,
  CHANGE_EVENT_TYPES,
  CHANGE_OUTCOMES,
  REPORTED_CHANGE_KINDS,
  type ChangeContext,
  type ChangeEvent,
  type ChangeEventType,
  type ChangeState,
} from "./types";

export const CHANGE_TEXT_MAX = 2000;
export const CHANGE_VERSION_MAX = 200;
/** At most this many items in a re-test (a scheme has fewer). */
export const CHANGE_ITEMS_MAX = 100;
/** At most this many open change cases per certified case (a hostile vendor cannot flood the queue). */
export const OPEN_CHANGES_MAX = 5;

/** Which role may send each event at all (lib/permissions.ts holds the same as change:<event>). */
export const CHANGE_EVENT_ROLES: Record<ChangeEventType, readonly string[]> = {
  CLASSIFY: ["secretariat"],
  SUBMIT_REPORT: ["lab"],
  CONCLUDE: ["ministry", "system"],
  WITHDRAW: ["vendor"],
};

/** The states in which each event can happen. */
export const CHANGE_EVENT_STATES: Record<ChangeEventType, readonly ChangeState[]> = {
  CLASSIFY: ["classification"],
  SUBMIT_REPORT: ["retesting"],
  CONCLUDE: ["evaluation", "retesting"],
  WITHDRAW: ["classification", "retesting"],
};

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .refine((s) => s.length <= max, { message: `At most ${max} characters.`, params: { reason: "TEXT_TOO_LONG", max } });
const oneLine = (max: number) =>
  text(max).refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: "One line of text.", params: { reason: "ONE_LINE" } });
const itemKey = z.string().trim().min(1).max(100);

/** The body of POST /api/v1/cases/{id}/changes. */
export const reportChangeSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.enum(REPORTED_CHANGE_KINDS),
    from: oneLine(CHANGE_VERSION_MAX),
    to: oneLine(CHANGE_VERSION_MAX),
    description: text(CHANGE_TEXT_MAX),
  }),
  // An unscheduled surveillance (the secretariat): the items default to the scheme's surveillance items.
  z.strictObject({
    kind: z.literal("surveillance"),
    description: text(CHANGE_TEXT_MAX),
    items: z.array(itemKey).max(CHANGE_ITEMS_MAX).optional(),
  }),
]);
export type ReportChangeInput = z.infer<typeof reportChangeSchema>;

export const changeEventSchemas = {
  CLASSIFY: z.object({
    classification: z.enum(CHANGE_CLASSIFICATIONS),
    items: z.array(itemKey).max(CHANGE_ITEMS_MAX).default([]),
    reason: text(CHANGE_TEXT_MAX),
  }),
  SUBMIT_REPORT: z.object({}),
  CONCLUDE: z.object({
    outcome: z.enum(CHANGE_OUTCOMES),
    level: z.enum(LEVELS).nullish(),
    reason: text(CHANGE_TEXT_MAX),
    correctBy: z.iso.datetime({ offset: true }).or(z.iso.date()).nullish(),
  }),
  WITHDRAW: z.object({ reason: text(CHANGE_TEXT_MAX).nullish() }),
} as const;

export type ChangeRuleFailure = { ok: false; reason: DomainCode; params: Record<string, ParamValue> };
export type ChangeRuleResult = { ok: true } | ChangeRuleFailure;

const OK: ChangeRuleResult = { ok: true };
const fail = (reason: DomainCode, params: Record<string, ParamValue> = {}): ChangeRuleFailure => ({ ok: false, reason, params });

export function isChangeEventType(value: unknown): value is ChangeEventType {
  return typeof value === "string" && (CHANGE_EVENT_TYPES as readonly string[]).includes(value);
}

/** Whether `event` may happen to a change case in `state` with `ctx`, and if not, the code that says why. */
export function checkChangeEvent(state: string, ctx: ChangeContext, event: ChangeEvent): ChangeRuleResult {
  const type = (event as { type?: unknown })?.type;
  if (!isChangeEventType(type)) return fail("UNKNOWN_EVENT", { event: String(type) });
  if (!event.actor || typeof event.actor.id !== "string" || !event.actor.id) return fail("NO_ACTOR");
  if (!CHANGE_EVENT_ROLES[type].includes(event.actor.role)) return fail("ROLE_MAY_NOT_SEND", { role: event.actor.role, event: type });
  if (!(CHANGE_EVENT_STATES[type] as readonly string[]).includes(state)) return fail("CHANGE_EVENT_NOT_ALLOWED", { event: type, state });
  const parsed = changeEventSchemas[type].safeParse(event);
  if (!parsed.success) return fail("INVALID_REQUEST");
  switch (event.type) {
    case "CLASSIFY": {
      const known = new Set(Array.isArray(event.schemeItems) ? event.schemeItems : []);
      if (event.classification === "major") {
        if (event.items.length === 0) return fail("CHANGE_ITEMS_REQUIRED");
        const unknown = event.items.find((i) => !known.has(i));
        if (unknown !== undefined) return fail("CHANGE_ITEM_UNKNOWN", { item: unknown });
        if (new Set(event.items).size !== event.items.length) return fail("CHANGE_ITEM_REPEATED");
      } else if (event.items.length > 0) return fail("CHANGE_ITEMS_NOT_FOR_MINOR");
      return OK;
    }
    case "SUBMIT_REPORT": {
      if (event.actor.orgId === null || event.actor.orgId !== ctx.labId) return fail("LAB_NOT_ASSIGNED");
      const report = event.report;
      if (!report) return fail("CHANGE_REPORT_MISSING");
      const listed = new Set(ctx.items);
      const missing = ctx.items.find((i) => !report.items.includes(i));
      if (missing !== undefined) return fail("CHANGE_REPORT_ITEM_MISSING", { item: missing });
      const extra = report.items.find((i) => !listed.has(i));
      if (extra !== undefined) return fail("CHANGE_REPORT_ITEM_NOT_LISTED", { item: extra });
      if (!report.complete) return fail("CHANGE_REPORT_MISSING");
      return OK;
    }
    case "CONCLUDE": {
      if (event.actor.role === "system") {
        // The system concludes only an overdue surveillance, and only by suspending.
        if (ctx.kind !== "surveillance" || !event.overdue) return fail("CHANGE_NOT_OVERDUE");
        if (event.outcome !== "suspended") return fail("ROLE_MAY_NOT_SEND", { role: "system", event: type });
        return OK;
      }
      if (state !== "evaluation") return fail("CHANGE_EVENT_NOT_ALLOWED", { event: type, state });
      const awarded = event.awardedLevel;
      if (event.outcome === "amended") {
        if (ctx.classification !== "minor" && levelRank(ctx.retestLevel) < levelRank(awarded)) {
          return fail("RETEST_BELOW_AWARDED", { retestLevel: ctx.retestLevel ?? "—", awardedLevel: awarded ?? "—" });
        }
        return OK;
      }
      if (event.outcome === "downgraded") {
        const level = event.level ?? null;
        if (level === null) return fail("CHANGE_LEVEL_REQUIRED");
        if (levelRank(level) >= levelRank(awarded)) return fail("LEVEL_NOT_BELOW_AWARDED", { level, awardedLevel: awarded ?? "—" });
        if (levelRank(level) > levelRank(ctx.retestLevel)) return fail("LEVEL_ABOVE_RETEST", { level, retestLevel: ctx.retestLevel ?? "—" });
        return OK;
      }
      if (!event.correctBy) return fail("CORRECT_BY_REQUIRED");
      return OK;
    }
    case "WITHDRAW":
      if (ctx.kind === "surveillance") return fail("SURVEILLANCE_NOT_WITHDRAWABLE");
      return OK;
  }
}

/** The items a scheme suggests re-testing for a kind of change: the union of its elements' `changeImpact` (docs/domain.md#after-care). */
export function suggestedItems(
  elements: readonly { items: readonly { key: string }[]; changeImpact?: Partial<Record<string, readonly string[]>> }[],
  kind: string,
): string[] {
  const out: string[] = [];
  for (const element of elements) for (const key of element.changeImpact?.[kind] ?? []) if (!out.includes(key)) out.push(key);
  return out;
}

export type { Level };
