// Shared by the admin and account use cases: validate input, or throw INVALID_INPUT with field codes.
import "server-only";
import type { ZodType } from "zod";
import { AppError, fieldErrors } from "@/lib/errors";
import type { Tx } from "@/lib/db";
import type { SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import type { AuditEventType } from "@/lib/domain";

export function parseInput<T>(schema: ZodType<T>, raw: unknown, what = "The input is not valid"): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw new AppError("INVALID_INPUT", what, fieldErrors(r.error.issues));
  return r.data;
}

/** One field's refusal, in the same shape as a zod failure. */
export const fieldError = (field: string, code: string, message: string) =>
  new AppError("INVALID_INPUT", message, { [field]: code });

/** Admin changes are not about a case: caseId is null. Payloads never carry passwords or tokens. */
export function auditAdmin(tx: Tx, actor: SessionUser, type: AuditEventType, payload: Record<string, unknown>) {
  return appendAuditEvent(tx, { caseId: null, actorId: actor.id, actorRole: actor.role, type, payload });
}
