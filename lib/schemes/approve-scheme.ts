// A ministry user approves a proposed version once its comment period has ended and every comment
// has its answer (docs/domain.md#scheme-governance). The version is still not in force: the
// secretariat publishes it with the day it takes effect.
import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/chain";
import { domainError } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { assertRecentAuth } from "@/lib/auth/reauth";
import { versionFor } from "./governance";
import { definitionSha256, lastDayOf, toView, type SchemeVersionView } from "./versions";

export async function approveScheme(user: SessionUser, schemeId: string, version: string, now: Date = new Date()): Promise<SchemeVersionView> {
  assertCan(user, "scheme:approve");
  // Approving is decisive: after it the text can only be published as it stands.
  assertRecentAuth(user, "Approving a scheme");
  return db().$transaction(async (tx) => {
    const row = await versionFor(tx, schemeId, version, false);
    if (row.status !== "proposed") throw domainError("SCHEME_NOT_PROPOSED", { schemeId, version, status: row.status });
    // A proposal without a period end (made outside this flow) is open until the secretariat sets one.
    if (!row.commentsUntil || now.getTime() < row.commentsUntil.getTime()) {
      throw domainError("SCHEME_COMMENT_PERIOD_OPEN", { until: row.commentsUntil ? lastDayOf(row.commentsUntil) : "—" });
    }
    const open = await tx.schemeComment.count({ where: { schemeVersionId: row.id, answeredAt: null } });
    if (open > 0) throw domainError("SCHEME_COMMENTS_UNANSWERED", { count: open });
    const data = { status: "approved", approvedById: user.id, approvedAt: now };
    const updated = await tx.schemeVersion.updateMany({ where: { id: row.id, status: "proposed" }, data });
    if (updated.count !== 1) throw domainError("SCHEME_NOT_PROPOSED", { schemeId, version, status: "changed" });
    const comments = await tx.schemeComment.count({ where: { schemeVersionId: row.id } });
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: "SCHEME_APPROVED",
      payload: { schemeId, version, comments, definitionSha256: definitionSha256(row.definition) },
    });
    return toView({ ...row, ...data });
  });
}
