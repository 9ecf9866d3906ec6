// The rules of the complaint machine: who may send which event, with what. The machine's guards
// call `checkComplaintEvent`; the door (lib/complaints) calls it too, to say why an event is refused. Pure.
import { z } from "zod";
import type { DomainCode, ParamValue } from "../errors";
import {
  COMPLAINT_EVENT_TYPES,
  COMPLAINT_OUTCOMES,
  type ComplaintContext,
  type ComplaintEvent,
  type ComplaintEventType,
  type ComplaintState,
} from "./types";

export const SUBJECT_MAX = 200;
export const TEXT_MAX = 4000;
export const CONTACT_MAX = 200;
export const SUMMARY_MAX = 2000;

/** Which role may send each event at all (lib/permissions.ts holds the same as complaint:triage / complaint:close). */
export const COMPLAINT_EVENT_ROLES: Record<ComplaintEventType, readonly string[]> = {
  TRIAGE: ["secretariat"],
  CLOSE: ["secretariat", "ministry"],
};

/** The states in which each event can happen. */
export const COMPLAINT_EVENT_STATES: Record<ComplaintEventType, readonly ComplaintState[]> = {
  TRIAGE: ["received"],
  CLOSE: ["investigating"],
};

/** Text within a length, refused with TEXT_TOO_LONG { max } (people read the limit in their language). */
export const boundedText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .refine((s) => s.length <= max, { message: `At most ${max} characters.`, params: { reason: "TEXT_TOO_LONG", max } });

export const complaintEventSchemas = {
  TRIAGE: z.object({ handlerId: z.string().trim().min(1).max(100) }),
  CLOSE: z.object({ outcome: z.enum(COMPLAINT_OUTCOMES), publicSummary: boundedText(SUMMARY_MAX) }),
} as const;

export type ComplaintRuleFailure = { ok: false; reason: DomainCode; params: Record<string, ParamValue> };
export type ComplaintRuleResult = { ok: true } | ComplaintRuleFailure;

const OK: ComplaintRuleResult = { ok: true };
const fail = (reason: DomainCode, params: Record<string, ParamValue> = {}): ComplaintRuleFailure => ({ ok: false, reason, params });

export function isComplaintEventType(value: unknown): value is ComplaintEventType {
  return typeof value === "string" && (COMPLAINT_EVENT_TYPES as readonly string[]).includes(value);
}

/** Whether `event` may happen to a complaint in `state` with `ctx`, and if not, the code that says why. */
export function checkComplaintEvent(state: string, ctx: ComplaintContext, event: ComplaintEvent): ComplaintRuleResult {
  const type = (event as { type?: unknown })?.type;
  if (!isComplaintEventType(type)) return fail("UNKNOWN_EVENT", { event: String(type) });
  if (!event.actor || typeof event.actor.id !== "string" || !event.actor.id) return fail("NO_ACTOR");
  if (!COMPLAINT_EVENT_ROLES[type].includes(event.actor.role)) return fail("ROLE_MAY_NOT_SEND", { role: event.actor.role, event: type });
  if (!(COMPLAINT_EVENT_STATES[type] as readonly string[]).includes(state)) return fail("COMPLAINT_EVENT_NOT_ALLOWED", { event: type, state });
  const parsed = complaintEventSchemas[type].safeParse(event);
  if (!parsed.success) return fail("INVALID_REQUEST");
  switch (event.type) {
    case "TRIAGE": {
      const bars = Array.isArray(event.handlerBars) ? event.handlerBars : null;
      // The door must have looked the handler up; without the facts nothing is assumed.
      if (!bars) return fail("HANDLER_NOT_ELIGIBLE", { handlerId: event.handlerId });
      if (bars.length > 0) return fail(bars[0], { handlerId: event.handlerId });
      return OK;
    }
    case "CLOSE":
      if (ctx.handlerId !== event.actor.id) return fail("NOT_COMPLAINT_HANDLER");
      return OK;
  }
}
