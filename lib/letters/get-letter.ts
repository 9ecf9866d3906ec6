// The decision letters of a case, for whoever may see the case (the visibility of GET /api/v1/cases/{id}).
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";
import { loadVisibleCase } from "@/lib/cases/load-case";
import { lastSubmittedReport, parseBlockers } from "./issue-letter";

/** The latest letter's PDF; DECISION_LETTER_NOT_FOUND when the case has none (yet). */
export async function getDecisionLetterPdf(user: SessionUser, caseId: string): Promise<{ filename: string; pdf: Buffer }> {
  assertCan(user, "case:read");
  const row = await loadVisibleCase(db(), user, caseId);
  const letter = await db().decisionLetter.findFirst({ where: { caseId: row.id }, orderBy: { decisionSeq: "desc" } });
  if (!letter) throw domainError("DECISION_LETTER_NOT_FOUND");
  return { filename: `decision-letter-${letter.decisionSeq}.pdf`, pdf: Buffer.from(letter.pdf) };
}

export type DecisionLetterSummary = {
  /** A letter exists (the outbox has issued it). */
  issued: boolean;
  issuedAt: string | null;
  /** The case was denied but the letter is still being issued. */
  beingIssued: boolean;
  reason: string | null;
  decidedAt: string | null;
  labLevel: string | null;
  blockers: ReturnType<typeof parseBlockers>;
};

/** What the case page's box shows: the latest denial, its letter, and the items not met. Null: never denied. */
export async function decisionLetterSummary(user: SessionUser, caseId: string): Promise<DecisionLetterSummary | null> {
  assertCan(user, "case:read");
  const row = await loadVisibleCase(db(), user, caseId);
  const denial = await db().decision.findFirst({ where: { caseId: row.id, type: "DENY" }, orderBy: { auditSeq: "desc" } });
  if (!denial) return null;
  const [letter, report] = await Promise.all([
    db().decisionLetter.findUnique({ where: { decisionSeq: denial.auditSeq }, select: { createdAt: true } }),
    lastSubmittedReport(row.id),
  ]);
  return {
    issued: !!letter,
    issuedAt: letter?.createdAt.toISOString() ?? null,
    beingIssued: !letter,
    reason: denial.reason,
    decidedAt: denial.createdAt.toISOString(),
    labLevel: report?.level ?? row.labLevel ?? null,
    blockers: parseBlockers(report?.blockers),
  };
}
