// Publishing freezes a draft: from then on its definition never changes and cases may pin it.
import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/chain";
import { conflict, notFound } from "@/lib/errors";
import { describeDiff, diffSchemes } from "@/lib/grading";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { assertRecentAuth } from "@/lib/auth/reauth";
import { definitionOf, definitionSha256, toView, type SchemeVersionView } from "./versions";

export async function publishDraft(user: SessionUser, schemeId: string, version: string): Promise<SchemeVersionView> {
  assertCan(user, "scheme:manage");
  // Publishing is decisive: cases are graded against it from now on.
  assertRecentAuth(user, "Publishing a scheme");
  return db().$transaction(async (tx) => {
    const row = await tx.schemeVersion.findUnique({ where: { schemeId_version: { schemeId, version } } });
    if (!row) throw notFound("SCHEME_VERSION_NOT_FOUND", { schemeId, version });
    if (row.status !== "draft") throw conflict(`Scheme ${schemeId} version ${version} is already published`);
    const scheme = definitionOf(row);
    const publishedAt = new Date();
    // Compare-and-set on status: of two concurrent publishes (or an edit racing a publish) one wins.
    const updated = await tx.schemeVersion.updateMany({
      where: { id: row.id, status: "draft", definition: row.definition },
      data: { status: "published", publishedAt },
    });
    if (updated.count !== 1) throw conflict(`Scheme ${schemeId} version ${version} changed meanwhile; review it again before publishing`);
    const base = row.basedOn
      ? await tx.schemeVersion.findUnique({ where: { schemeId_version: { schemeId, version: row.basedOn } } })
      : null;
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
        definitionSha256: definitionSha256(row.definition),
        changes: base ? describeDiff(diffSchemes(definitionOf(base), scheme)) : [],
      },
    });
    return toView({ ...row, status: "published", publishedAt });
  });
}
