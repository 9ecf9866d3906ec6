// Issues the decision letter of one denial: a signed PDF stored with its audit event, in one
// transaction. Runs from the outbox after the DENY committed; at most once per decision
// (DecisionLetter.decisionSeq is unique). docs/domain.md#decision-letters.
import "server-only";
import crypto from "node:crypto";
import { db, isUniqueViolation } from "@/lib/db";
import { env } from "@/lib/env";
import { appendAuditEvent } from "@/lib/audit/chain";
import { LEVEL_NAMES, isLevel, parseScheme } from "@/lib/grading";
import type { Blocker } from "@/lib/grading";
import { getPortalSigningKey } from "@/lib/certificates/portal-key";
import { ISSUER } from "@/lib/certificates/issue-certificate";
import { categoryName } from "@/lib/categories";
import { caseProductSnapshot } from "@/lib/cases/product-snapshot";
import { oneLine } from "@/lib/mail/message";
import { APPEAL_WINDOW_DAYS } from "@/workflows/certification/policy";
import { issueDecisionLetterPdf, type DecisionLetterPdfData } from "./pdf";

const DAY_MS = 24 * 3600 * 1000;

/** The blockers of a stored lab report (LabReport.blockers: `{ level, items }` or null), read defensively. */
export function parseBlockers(json: string | null | undefined): { level: string; items: Blocker[] } | null {
  try {
    const b = JSON.parse(json ?? "null") as { level?: unknown; items?: unknown } | null;
    if (!b || typeof b.level !== "string" || !Array.isArray(b.items)) return null;
    const items = (b.items as Blocker[]).filter((x) => x && typeof x.item === "string" && typeof x.measured === "number" && typeof x.needed === "number");
    return { level: b.level, items };
  } catch {
    return null;
  }
}

/** The last submitted lab report of the case (the one the decision was taken on). */
export function lastSubmittedReport(caseId: string) {
  return db().labReport.findFirst({ where: { caseId, submittedAt: { not: null } }, orderBy: [{ round: "desc" }, { submittedAt: "desc" }] });
}

/** Returns the letter (existing or new) of the denial at audit sequence `decisionSeq`. */
export async function issueDecisionLetter(caseId: string, decisionSeq: number) {
  const database = db();
  const existing = await database.decisionLetter.findUnique({ where: { decisionSeq } });
  if (existing) return existing;

  const key = await getPortalSigningKey();
  const c = await database.case.findUniqueOrThrow({ where: { id: caseId }, include: { product: true, organization: true, schemeVersion: true } });
  const decision = await database.decision.findUniqueOrThrow({ where: { auditSeq: decisionSeq } });
  if (decision.type !== "DENY" || decision.caseId !== caseId) throw new Error(`audit event ${decisionSeq} is not a denial of case ${caseId}`);
  const parsed = parseScheme(JSON.parse(c.schemeVersion.definition));
  const scheme = parsed.ok ? parsed.scheme : null;
  const report = await lastSubmittedReport(caseId);
  const labLevel = report ? (isLevel(report.level) ? report.level : null) : isLevel(c.labLevel) ? c.labLevel : null;
  const blockers = parseBlockers(report?.blockers);
  const product = caseProductSnapshot(c);
  const decidedAt = decision.createdAt;
  const publicId = crypto.randomBytes(18).toString("base64url");
  const reference = `DL-${decidedAt.getUTCFullYear()}-${String(decisionSeq).padStart(6, "0")}`;
  const data: DecisionLetterPdfData = {
    reference,
    publicId,
    caseId,
    vendor: c.organization.nameZh ? `${c.organization.name} ${c.organization.nameZh}` : c.organization.name,
    product: { name: oneLine(product.name), model: oneLine(product.model), softwareVersion: oneLine(product.softwareVersion) },
    category: await categoryName(c.schemeVersion.category, database),
    scheme: { id: scheme?.id ?? c.schemeVersion.schemeId, version: scheme?.version ?? c.schemeVersion.version, title: scheme?.title ?? { zh: c.schemeVersion.schemeId, en: c.schemeVersion.schemeId } },
    claimedLevel: c.claimedLevel,
    labLevel,
    labLevelName: labLevel ? LEVEL_NAMES[labLevel] : null,
    reason: decision.reason ?? "",
    blockers: blockers && {
      level: blockers.level,
      items: blockers.items.map((b) => ({ item: b.item, title: b.title, unit: b.unit, better: b.better, needed: b.needed, neededAt: b.neededAt, measured: b.measured })),
    },
    decidedAt,
    appealDeadline: new Date(decidedAt.getTime() + APPEAL_WINDOW_DAYS * DAY_MS),
    appealWindowDays: APPEAL_WINDOW_DAYS,
    portalUrl: env().ZHIJI_PUBLIC_URL,
    issuer: ISSUER,
  };
  const pdf = await issueDecisionLetterPdf(data, key);
  const sha = crypto.createHash("sha256").update(pdf).digest("hex");

  try {
    return await database.$transaction(async (tx) => {
      const theirs = await tx.decisionLetter.findUnique({ where: { decisionSeq } });
      if (theirs) return theirs;
      const letter = await tx.decisionLetter.create({ data: { caseId, decisionSeq, publicId, pdf: new Uint8Array(pdf), pdfSha256: sha } });
      await appendAuditEvent(tx, {
        caseId,
        actorId: null,
        actorRole: "system",
        type: "DECISION_LETTER_ISSUED",
        payload: { reference, publicId, decisionSeq, pdfSha256: sha },
      });
      return letter;
    });
  } catch (e) {
    // Another worker issued it first: theirs is the one letter of this decision.
    if (isUniqueViolation(e)) {
      const theirs = await database.decisionLetter.findUnique({ where: { decisionSeq } });
      if (theirs) return theirs;
    }
    throw e;
  }
}
