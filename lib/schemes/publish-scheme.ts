// The secretariat publishes an approved version with the day it takes effect; the versions of the
// same scheme in force until now may still be chosen until the transition's last day, which is set
// on them here (docs/domain.md#scheme-governance). Publishing freezes the definition for good:
// cases pin it. There is no direct publishing of a draft: a version is proposed, commented,
// answered and approved by the ministry first.
import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/chain";
import { domainError } from "@/lib/errors";
import { describeDiff, diffSchemes } from "@/lib/grading";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { assertRecentAuth } from "@/lib/auth/reauth";
import { daysBetween, EFFECTIVE_MAX_DAYS, PublishSchema, refusal, TRANSITION_MAX_DAYS, versionFor } from "./governance";
import { parseInput } from "./schemas";
import { compareVersionStrings, dayEnd, dayStart, definitionOf, definitionSha256, portalDay, toView, type SchemeVersionView } from "./versions";

export async function publishScheme(
  user: SessionUser,
  schemeId: string,
  version: string,
  input: unknown,
  now: Date = new Date(),
): Promise<SchemeVersionView> {
  assertCan(user, "scheme:manage");
  // Publishing is decisive: cases are graded against it from its effective day.
  assertRecentAuth(user, "Publishing a scheme");
  const { effectiveFrom, transitionUntil } = parseInput(PublishSchema, input);
  const ahead = daysBetween(portalDay(now), effectiveFrom);
  if (ahead < 0 || ahead > EFFECTIVE_MAX_DAYS) throw refusal("SCHEME_EFFECTIVE_FROM_RANGE", { max: EFFECTIVE_MAX_DAYS }, "effectiveFrom");
  if (transitionUntil !== null) {
    const span = daysBetween(effectiveFrom, transitionUntil);
    if (span < 0) throw refusal("SCHEME_TRANSITION_BEFORE_EFFECTIVE", { effectiveFrom }, "transitionUntil");
    if (span > TRANSITION_MAX_DAYS) throw refusal("SCHEME_TRANSITION_TOO_LONG", { max: TRANSITION_MAX_DAYS }, "transitionUntil");
  }
  return db().$transaction(async (tx) => {
    const row = await versionFor(tx, schemeId, version, true);
    if (row.status !== "approved") throw domainError("SCHEME_NOT_APPROVED", { schemeId, version, status: row.status });
    // The published versions without a transition end are the ones it replaces.
    const replaced = (await tx.schemeVersion.findMany({ where: { schemeId, status: "published", transitionUntil: null } })).sort((a, b) =>
      compareVersionStrings(b.version, a.version),
    );
    if (replaced.length > 0 && transitionUntil === null) {
      throw refusal("SCHEME_TRANSITION_REQUIRED", { previous: replaced.map((r) => r.version).join(", ") }, "transitionUntil");
    }
    const data = { status: "published", publishedAt: now, effectiveFrom: dayStart(effectiveFrom) };
    const updated = await tx.schemeVersion.updateMany({ where: { id: row.id, status: "approved", definition: row.definition }, data });
    if (updated.count !== 1) throw domainError("SCHEME_NOT_APPROVED", { schemeId, version, status: "changed" });
    if (transitionUntil !== null && replaced.length > 0) {
      await tx.schemeVersion.updateMany({ where: { id: { in: replaced.map((r) => r.id) }, transitionUntil: null }, data: { transitionUntil: dayEnd(transitionUntil) } });
    }
    const base = row.basedOn ? await tx.schemeVersion.findUnique({ where: { schemeId_version: { schemeId, version: row.basedOn } } }) : null;
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: "SCHEME_PUBLISHED",
      payload: {
        schemeId,
        version,
        category: row.category,
        basedOn: row.basedOn,
        effectiveFrom,
        replaced: replaced.map((r) => ({ version: r.version, transitionUntil })),
        definitionSha256: definitionSha256(row.definition),
        changes: base ? describeDiff(diffSchemes(definitionOf(base), definitionOf(row))) : [],
      },
    });
    return toView({ ...row, ...data });
  });
}
