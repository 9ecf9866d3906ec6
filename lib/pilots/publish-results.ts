// Opt-in publication (docs/domain.md#published-results): the vendor of a certified case with a valid
// certificate may publish its element profile and item results in the registry's per-category
// comparison, and withdraw them again. Each is a compare-and-set on Case.resultsPublishedAt and an
// audit event on the case in the same transaction.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { domainError, invalidRequest, notFound } from "@/lib/errors";
import { assertCan, caseWhere, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { englishMessage } from "@/lib/domain";

export const PublishInput = z.object({ publish: z.boolean({ message: englishMessage("FIELD_INVALID") }) }).strict();

export async function setResultsPublication(user: SessionUser, caseId: string, raw: unknown, now = new Date()) {
  assertCan(user, "results:publish");
  const parsed = PublishInput.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The publication request is not valid");
  const publish = parsed.data.publish;

  return db().$transaction(async (tx) => {
    const c = await tx.case.findFirst({ where: { AND: [caseWhere(user), { id: caseId }] }, select: { id: true, state: true, resultsPublishedAt: true } });
    if (!c) throw notFound("CASE_NOT_FOUND");
    if (publish) {
      const cert = await tx.certificate.findFirst({
        where: { caseId, supersededById: null, status: "valid", validUntil: { gt: now } },
        select: { number: true },
      });
      if (c.state !== "certified" || !cert) throw domainError("RESULTS_NOT_PUBLISHABLE");
      if (c.resultsPublishedAt) throw domainError("RESULTS_ALREADY_PUBLISHED");
    } else if (!c.resultsPublishedAt) {
      throw domainError("RESULTS_NOT_PUBLISHED");
    }
    const { count } = await tx.case.updateMany({
      where: { id: caseId, resultsPublishedAt: publish ? null : c.resultsPublishedAt },
      data: { resultsPublishedAt: publish ? now : null },
    });
    if (count !== 1) throw domainError("CASE_CHANGED");
    await appendAuditEvent(tx, {
      caseId,
      actorId: user.id,
      actorRole: user.role,
      type: publish ? "RESULTS_PUBLISHED" : "RESULTS_WITHDRAWN",
      payload: { caseId },
      at: now,
    });
    return { caseId, resultsPublishedAt: publish ? now.toISOString() : null };
  });
}

/** For the case page: whether the vendor may publish now, and since when the results are published. */
export async function resultsPublication(user: SessionUser, caseId: string, now = new Date()) {
  if (user.role !== "vendor") return null;
  const c = await db().case.findFirst({
    where: { AND: [caseWhere(user), { id: caseId }] },
    select: { state: true, resultsPublishedAt: true, certificates: { where: { supersededById: null, status: "valid", validUntil: { gt: now } }, select: { id: true }, take: 1 } },
  });
  if (!c) return null;
  const publishable = c.state === "certified" && c.certificates.length > 0;
  if (!publishable && !c.resultsPublishedAt) return null;
  return { publishable, publishedAt: c.resultsPublishedAt?.toISOString() ?? null };
}
