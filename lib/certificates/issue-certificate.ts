// Issues the certificate of one award: number, public id, signed PDF, all in one transaction with
// its audit event. Runs from the outbox after the award committed; at most once per award.
import "server-only";
import crypto from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { sampleOf } from "@/lib/grading/envelope";
import { env } from "@/lib/env";
import { appendAuditEvent } from "@/lib/audit/chain";
import { categoryName, certificateCodeOf } from "@/lib/categories";
import { isUniqueViolation } from "@/lib/db";
import { LEVEL_NAMES, parseScheme, type Level } from "@/lib/grading";
import { issueCertificatePdf } from "./pdf";
import { getPortalSigningKey } from "./portal-key";
import { caseProductSnapshot, serializeProductSnapshot } from "@/lib/cases/product-snapshot";
import { deploymentsColumn, disclosedModels } from "@/lib/cases/models";
import { oneLine } from "@/lib/mail/message";
import { amendmentLines, amendmentsUpTo, applyAmendments, changeKindTitle } from "./amendments";

export const ISSUER = { zh: "人工智能终端智能化分级工作组（试点）", en: "AI Terminal Intelligence Grading Working Group (pilot)" };


const STATUS_FOR_STATE: Record<string, string> = { certified: "valid", suspended: "suspended", revoked: "revoked", expired: "expired" };

/** Why a revision is issued (Certificate.revisionKind). */
export type RevisionKind = "award" | "downgrade" | "amendment";

/** What a revision is issued for, read from the audit event at `awardSeq`. */
type RevisionBasis = { kind: RevisionKind; level: Level; issuedAt: Date; reason: string | null; changeId: string | null };

function payloadOf(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);

/**
 * The revision's kind, level, date, reason and change case, from the audit event at `awardSeq`:
 * an AWARD or DOWNGRADE (its Decision row), or an amendment — a minor change (CHANGE_CLASSIFIED)
 * or a change concluded `amended` (CHANGE_CONCLUDED) — which keeps the level the case held at
 * that moment and is dated by the event (docs/domain.md#revisions).
 */
async function revisionBasis(caseId: string, awardSeq: number, awardedLevel: string | null): Promise<RevisionBasis> {
  const database = db();
  const event = await database.auditEvent.findUnique({ where: { seq: awardSeq } });
  if (!event || event.caseId !== caseId) throw new Error(`audit event ${awardSeq} is not an event of case ${caseId}`);
  const payload = payloadOf(event.payload);
  if (event.type === "AWARD" || event.type === "DOWNGRADE") {
    const decision = await database.decision.findUniqueOrThrow({ where: { auditSeq: awardSeq } });
    const downgrade = event.type === "DOWNGRADE";
    return {
      kind: downgrade ? "downgrade" : "award",
      level: decision.level as Level,
      issuedAt: decision.createdAt,
      reason: downgrade ? decision.reason : null,
      changeId: downgrade ? str(payload.changeId) : null,
    };
  }
  if (event.type === "CHANGE_CLASSIFIED" || event.type === "CHANGE_CONCLUDED") {
    const changeId = str(payload.changeId);
    if (!changeId) throw new Error(`audit event ${awardSeq} names no change case`);
    if (event.type === "CHANGE_CLASSIFIED" && payload.classification !== undefined && payload.classification !== "minor") {
      throw new Error(`audit event ${awardSeq} classifies a major change: no amendment`);
    }
    if (event.type === "CHANGE_CONCLUDED" && payload.outcome !== "amended") throw new Error(`audit event ${awardSeq} concludes without an amendment`);
    const change = await database.changeCase.findUnique({ where: { id: changeId }, select: { caseId: true, kind: true, state: true, snapshot: true } });
    if (!change || change.caseId !== caseId || change.state !== "amended" || change.kind === "surveillance") {
      throw new Error(`change case ${changeId} is not an amendment of case ${caseId}`);
    }
    // The level the case held when the change was amended: its last award or downgrade before it.
    const before = await database.decision.findFirst({
      where: { caseId, type: { in: ["AWARD", "DOWNGRADE"] }, auditSeq: { lt: awardSeq }, level: { not: null } },
      orderBy: { auditSeq: "desc" },
    });
    const level = before?.level ?? awardedLevel;
    if (!level) throw new Error(`case ${caseId} holds no level to amend`);
    return {
      kind: "amendment",
      level: level as Level,
      issuedAt: event.at,
      reason: str(payload.reason) ?? str(payloadOf(change.snapshot).reason),
      changeId,
    };
  }
  throw new Error(`audit event ${awardSeq} (${event.type}) issues no certificate`);
}

/** The build fingerprint of the case's last submitted lab report (docs/domain.md#lab-evidence); null when it has none. */
async function testedBuildFingerprint(tx: Tx, caseId: string): Promise<string | null> {
  const report = await tx.labReport.findFirst({ where: { caseId, submittedAt: { not: null } }, orderBy: { round: "desc" }, select: { sample: true } });
  return sampleOf(report?.sample)?.buildFingerprint ?? null;
}

/**
 * Returns the certificate revision (existing or new) issued for the audit event at sequence
 * `awardSeq`: an AWARD, a DOWNGRADE, or an after-care amendment (CHANGE_CLASSIFIED minor,
 * CHANGE_CONCLUDED amended). A case's first certificate is revision 0 with a new number; a later
 * one keeps the number as the next revision (R1, R2, …) with its own public id and PDF, and the
 * earlier revision reads as superseded. Every revision covers the frozen product with the
 * amendments concluded by its date applied (docs/domain.md#revisions).
 */
export async function issueCertificate(caseId: string, awardSeq: number) {
  const database = db();
  const existing = await database.certificate.findUnique({ where: { awardSeq } });
  if (existing) return existing;

  const key = await getPortalSigningKey();
  const c = await database.case.findUniqueOrThrow({
    where: { id: caseId },
    include: { product: true, organization: true, pilot: true, schemeVersion: true },
  });
  const basis = await revisionBasis(caseId, awardSeq, c.awardedLevel);
  const parsedScheme = parseScheme(JSON.parse(c.schemeVersion.definition));
  if (!parsedScheme.ok) throw new Error(`scheme ${c.schemeVersion.schemeId} ${c.schemeVersion.version} is invalid`);
  const scheme = parsedScheme.scheme;
  const level = basis.level;
  const profileLevels = JSON.parse(c.labProfile ?? "{}") as Record<string, Level | null>;
  const profile = scheme.elements.map((el) => ({ key: el.key, title: el.title, level: profileLevels[el.key] ?? null }));
  const issuedAt = basis.issuedAt;
  const validUntil = c.validUntil ?? new Date(issuedAt.getTime());
  const year = issuedAt.getUTCFullYear();
  // The category's certificate code from the Category table (docs/domain.md#categories).
  const series = `AIT-${year}-${await certificateCodeOf(database, c.schemeVersion.category)}`;
  const publicId = crypto.randomBytes(18).toString("base64url"); // 144 random bits

  try {
    return await database.$transaction(async (tx) => {
      if (await tx.certificate.findUnique({ where: { awardSeq } })) {
        return tx.certificate.findUniqueOrThrow({ where: { awardSeq } });
      }
      const previous = await tx.certificate.findFirst({ where: { caseId, supersededById: null }, orderBy: { revision: "desc" } });
      // An amendment reissues a certificate: until the award's is issued, the job waits (is retried).
      if (!previous && basis.kind === "amendment") throw new Error(`case ${caseId} has no certificate to amend yet`);
      // The product as the case was decided on (frozen since SUBMIT), with the amendments concluded
      // by this revision's date: the certificate keeps its own copy.
      const amendments = await amendmentsUpTo(tx, caseId, issuedAt, basis.kind === "amendment" ? basis.changeId : null);
      const product = applyAmendments(caseProductSnapshot(c), amendments);
      let number: string;
      if (previous) {
        number = previous.number;
      } else {
        await tx.counter.upsert({ where: { name: series }, create: { name: series, value: 0 }, update: {} });
        const counter = await tx.counter.update({ where: { name: series }, data: { value: { increment: 1 } } });
        number = `${series}-${String(counter.value).padStart(6, "0")}`;
      }
      const revision = previous ? previous.revision + 1 : 0;
      // The build the lab tested: the fingerprint in the sample of the case's last submitted report.
      const buildFingerprint = await testedBuildFingerprint(tx, caseId);
      const pdf = await issueCertificatePdf(
        {
          // The page shows a reissue's revision (R1, R2, …) after the number, which stays the certificate's.
          number: revision > 0 ? `${number} R${revision}` : number,
          publicId,
          verifyUrl: `${env().ZHIJI_PUBLIC_URL}/verify/${publicId}`,
          vendor: c.organization.nameZh ? `${c.organization.name} ${c.organization.nameZh}` : c.organization.name,
          // One line each on the page, whatever an old record holds (line breaks, control characters).
          product: { name: oneLine(product.name), model: oneLine(product.model), softwareVersion: oneLine(product.softwareVersion) },
          versionsCovered: amendmentLines(amendments).map((v) => ({ kind: changeKindTitle(v.kind), from: oneLine(v.from), to: oneLine(v.to) })),
          buildFingerprint: buildFingerprint ? oneLine(buildFingerprint) : null,
          // The disclosed models as frozen at SUBMIT (docs/domain.md#model-disclosure); none: "not disclosed".
          models: disclosedModels(product.modelInfo).map((m) => ({ ...m, name: oneLine(m.name), version: oneLine(m.version) })),
          category: await categoryName(c.schemeVersion.category, tx),
          scheme: { id: scheme.id, version: scheme.version, title: scheme.title },
          level,
          levelName: LEVEL_NAMES[level],
          profile,
          pilot: c.pilot.nameZh ? `${c.pilot.nameZh} ${c.pilot.name}` : c.pilot.name,
          issuedAt,
          validUntil,
          issuer: ISSUER,
        },
        key,
      );
      const sha = crypto.createHash("sha256").update(pdf).digest("hex");
      // The case may have been suspended (or worse) before issuance ran: start from its status now.
      const current = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { state: true } });
      const status = STATUS_FOR_STATE[current.state] ?? "valid";
      // …with the reason and date of the decision that put it there.
      const cause =
        status === "valid"
          ? null
          : await tx.decision.findFirst({ where: { caseId, type: { in: ["SUSPEND", "REVOKE", "EXPIRE"] } }, orderBy: { auditSeq: "desc" } });
      const cert = await tx.certificate.create({
        data: {
          caseId,
          awardSeq,
          number,
          revision,
          revisionKind: basis.kind,
          revisionReason: basis.reason,
          changeId: basis.changeId,
          publicId,
          status,
          statusReason: cause?.reason ?? null,
          statusChangedAt: cause?.createdAt ?? null,
          level,
          profile: JSON.stringify(profile),
          issuedAt,
          validUntil,
          productSnapshot: serializeProductSnapshot(product),
          // " on_device cloud ": what the registry filters by deployment (docs/domain.md#model-disclosure).
          deployments: deploymentsColumn(disclosedModels(product.modelInfo)),
          buildFingerprint,
          pdf: new Uint8Array(pdf),
          pdfSha256: sha,
        },
      });
      if (previous) {
        await tx.certificate.update({
          where: { id: previous.id },
          data: { supersededById: cert.id, supersededAt: issuedAt, status: "superseded", statusReason: null, statusChangedAt: issuedAt },
        });
      }
      await appendAuditEvent(tx, {
        caseId,
        actorId: null,
        actorRole: "system",
        type: "CERTIFICATE_ISSUED",
        payload: {
          number,
          revision,
          revisionKind: basis.kind,
          publicId,
          awardSeq,
          level,
          pdfSha256: sha,
          ...(basis.changeId ? { changeId: basis.changeId } : {}),
          ...(previous ? { supersedes: previous.publicId } : {}),
        },
      });
      return cert;
    });
  } catch (e) {
    // Another worker issued it first: theirs is the one certificate of this award.
    if (isUniqueViolation(e)) {
      const theirs = await database.certificate.findUnique({ where: { awardSeq } });
      if (theirs) return theirs;
    }
    throw e;
  }
}
