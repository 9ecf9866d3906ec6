// The secretariat proposes a draft for comment until a day it chooses: from then on its definition
// is frozen and experts, labs and vendors may comment (docs/domain.md#scheme-governance).
import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/chain";
import { domainError } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { COMMENT_PERIOD_MAX_DAYS, daysBetween, ProposeSchema, refusal, versionFor } from "./governance";
import { parseInput } from "./schemas";
import { dayEnd, definitionSha256, portalDay, toView, type SchemeVersionView } from "./versions";

export async function proposeScheme(
  user: SessionUser,
  schemeId: string,
  version: string,
  input: unknown,
  now: Date = new Date(),
): Promise<SchemeVersionView> {
  assertCan(user, "scheme:manage");
  const { commentsUntil } = parseInput(ProposeSchema, input);
  const ahead = daysBetween(portalDay(now), commentsUntil);
  if (ahead < 0 || ahead > COMMENT_PERIOD_MAX_DAYS) throw refusal("SCHEME_COMMENTS_UNTIL_RANGE", { max: COMMENT_PERIOD_MAX_DAYS }, "commentsUntil");
  return db().$transaction(async (tx) => {
    const row = await versionFor(tx, schemeId, version, true);
    if (row.status !== "draft") throw domainError("SCHEME_NOT_DRAFT", { schemeId, version, status: row.status });
    const data = { status: "proposed", proposedAt: now, commentsUntil: dayEnd(commentsUntil) };
    // Compare-and-set on status and definition: an edit or another step racing this one loses cleanly.
    const updated = await tx.schemeVersion.updateMany({ where: { id: row.id, status: "draft", definition: row.definition }, data });
    if (updated.count !== 1) throw domainError("SCHEME_NOT_DRAFT", { schemeId, version, status: "changed" });
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: "SCHEME_PROPOSED",
      payload: { schemeId, version, commentsUntil, definitionSha256: definitionSha256(row.definition) },
    });
    return toView({ ...row, ...data });
  });
}
