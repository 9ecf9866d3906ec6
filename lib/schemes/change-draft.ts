// The one way a draft's definition changes: in a transaction, only while the row is still a
// draft (compare-and-set on status, so a concurrent publish wins cleanly), validated whole by
// parseScheme, audited with what changed.
import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, canonicalJson } from "@/lib/audit/chain";
import { AppError, domainError, notFound } from "@/lib/errors";
import { domainRef } from "@/workflows/errors";
import { zodIssueRef } from "@/lib/domain";
import { describeDiff, diffSchemes, parseScheme, type Scheme, type SchemeError } from "@/lib/grading";
import type { SessionUser } from "@/lib/permissions";
import { definitionOf, toView, type SchemeVersionView } from "./versions";

export type DraftEdit = {
  schemeId: string;
  version: string;
  /** Returns the next definition (a plain object; it is validated after). */
  edit: (current: Scheme) => unknown;
  /** Keys the validation errors for INVALID_INPUT details; by default by their path. */
  details?: (errors: SchemeError[], next: unknown) => Record<string, SchemeError>;
  /** What the person did, for the audit event. */
  action: string;
};

export function errorsByPath(errors: SchemeError[]): Record<string, SchemeError> {
  const out: Record<string, SchemeError> = {};
  for (const e of errors) out[e.path || "_"] ??= e;
  return out;
}

export async function changeDraft(user: SessionUser, change: DraftEdit): Promise<SchemeVersionView> {
  const { schemeId, version } = change;
  return db().$transaction(async (tx) => {
    const row = await tx.schemeVersion.findUnique({ where: { schemeId_version: { schemeId, version } } });
    if (!row) throw notFound("SCHEME_VERSION_NOT_FOUND", { schemeId, version });
    if (row.status !== "draft") {
      throw domainError("SCHEME_NOT_EDITABLE", { schemeId, version, status: row.status });
    }
    const current = definitionOf(row);
    const next = change.edit(structuredClone(current));
    const parsed = parseScheme(next);
    if (!parsed.ok) {
      const keyed = Object.entries((change.details ?? errorsByPath)(parsed.errors, next));
      // details: English per field (the API's, as before); fields: the codes people read in their language.
      const details = Object.fromEntries(keyed.map(([k, e]) => [k, e.message]));
      const fields = Object.fromEntries(keyed.map(([k, e]) => [k, e.ref ?? zodIssueRef({ path: [], message: e.message })]));
      const message = `The draft has ${parsed.errors.length} problem${parsed.errors.length === 1 ? "" : "s"}; nothing was saved`;
      throw new AppError("INVALID_INPUT", message, details, { reason: "INVALID_REQUEST", fields });
    }
    const scheme = parsed.scheme;
    const identity: Record<string, string> = {};
    if (scheme.id !== row.schemeId) identity.id = `must stay "${row.schemeId}"`;
    if (scheme.version !== row.version) identity.version = `must stay "${row.version}"; a new version is a new draft`;
    if (scheme.category !== row.category) identity.category = `must stay "${row.category}"`;
    if (Object.keys(identity).length) {
      const ref = domainRef("SCHEME_IDENTITY_FIXED", { schemeId: row.schemeId, version: row.version, category: row.category });
      throw domainError(ref.reason, ref.params, { details: identity, fields: Object.fromEntries(Object.keys(identity).map((k) => [k, ref])) });
    }

    const definition = canonicalJson(scheme);
    const updated = await tx.schemeVersion.updateMany({ where: { id: row.id, status: "draft" }, data: { definition } });
    if (updated.count !== 1) {
      const now = await tx.schemeVersion.findUnique({ where: { id: row.id }, select: { status: true } });
      throw domainError("SCHEME_CHANGED_MEANWHILE", { schemeId, version, status: now?.status ?? "deleted" });
    }
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: "SCHEME_DRAFT_UPDATED",
      payload: { schemeId, version, action: change.action, changes: describeDiff(diffSchemes(current, scheme)) },
    });
    return toView({ ...row, definition });
  });
}
