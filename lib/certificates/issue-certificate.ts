// Issues the certificate of one award: number, public id, signed PDF, all in one transaction with
// its audit event. Runs from the outbox after the award committed; at most once per award.
import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { appendAuditEvent } from "@/lib/audit/chain";
import { isUniqueViolation } from "@/lib/db";
import { LEVEL_NAMES, parseScheme, type Level } from "@/lib/grading";
import { issueCertificatePdf } from "./pdf";
import { getPortalSigningKey } from "./portal-key";
import { caseProductSnapshot, serializeProductSnapshot } from "@/lib/cases/product-snapshot";
import { oneLine } from "@/lib/mail/message";

export const ISSUER = { zh: "人工智能终端智能化分级工作组（试点）", en: "AI Terminal Intelligence Grading Working Group (pilot)" };

const CATEGORY_TITLES: Record<string, { zh: string; en: string }> = {
  phone: { zh: "智能手机", en: "Smartphone" },
  pc: { zh: "智能电脑", en: "AI PC" },
  tv: { zh: "智能电视", en: "AI TV" },
  glasses: { zh: "智能眼镜", en: "AI glasses" },
  car: { zh: "智能座舱", en: "In-car cockpit" },
  speaker: { zh: "智能音箱", en: "Smart speaker" },
  earphone: { zh: "智能耳机", en: "AI earphones" },
};

export function categoryTitle(category: string) {
  return CATEGORY_TITLES[category] ?? { zh: category, en: category };
}

const STATUS_FOR_STATE: Record<string, string> = { certified: "valid", suspended: "suspended", revoked: "revoked", expired: "expired" };

/**
 * Returns the certificate revision (existing or new) issued for the decision at audit sequence
 * `awardSeq`: an AWARD, or a DOWNGRADE. A case's first certificate is revision 1 with a new number;
 * a later one (a downgrade, an award after an upheld appeal) keeps the number as the next revision
 * with its own public id and PDF, and the earlier revision reads as superseded (docs/domain.md#revisions).
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
  const award = await database.decision.findUniqueOrThrow({ where: { auditSeq: awardSeq } });
  const parsedScheme = parseScheme(JSON.parse(c.schemeVersion.definition));
  if (!parsedScheme.ok) throw new Error(`scheme ${c.schemeVersion.schemeId} ${c.schemeVersion.version} is invalid`);
  const scheme = parsedScheme.scheme;
  const level = award.level as Level;
  const profileLevels = JSON.parse(c.labProfile ?? "{}") as Record<string, Level | null>;
  const profile = scheme.elements.map((el) => ({ key: el.key, title: el.title, level: profileLevels[el.key] ?? null }));
  const issuedAt = award.createdAt;
  const validUntil = c.validUntil ?? new Date(issuedAt.getTime());
  const year = issuedAt.getUTCFullYear();
  const series = `AIT-${year}-${c.schemeVersion.category.toUpperCase()}`;
  const publicId = crypto.randomBytes(18).toString("base64url"); // 144 random bits
  // The product as the case was decided on (frozen since SUBMIT): the certificate keeps its own copy.
  const product = caseProductSnapshot(c);

  try {
    return await database.$transaction(async (tx) => {
      if (await tx.certificate.findUnique({ where: { awardSeq } })) {
        return tx.certificate.findUniqueOrThrow({ where: { awardSeq } });
      }
      const previous = await tx.certificate.findFirst({ where: { caseId, supersededById: null }, orderBy: { revision: "desc" } });
      let number: string;
      if (previous) {
        number = previous.number;
      } else {
        await tx.counter.upsert({ where: { name: series }, create: { name: series, value: 0 }, update: {} });
        const counter = await tx.counter.update({ where: { name: series }, data: { value: { increment: 1 } } });
        number = `${series}-${String(counter.value).padStart(6, "0")}`;
      }
      const revision = previous ? previous.revision + 1 : 1;
      const pdf = await issueCertificatePdf(
        {
          // The page shows the revision from R2 on: the number stays the certificate's.
          number: revision > 1 ? `${number} R${revision}` : number,
          publicId,
          verifyUrl: `${env().ZHIJI_PUBLIC_URL}/verify/${publicId}`,
          vendor: c.organization.nameZh ? `${c.organization.name} ${c.organization.nameZh}` : c.organization.name,
          // One line each on the page, whatever an old record holds (line breaks, control characters).
          product: { name: oneLine(product.name), model: oneLine(product.model), softwareVersion: oneLine(product.softwareVersion) },
          category: categoryTitle(c.schemeVersion.category),
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
          publicId,
          status,
          statusReason: cause?.reason ?? null,
          statusChangedAt: cause?.createdAt ?? null,
          level,
          profile: JSON.stringify(profile),
          issuedAt,
          validUntil,
          productSnapshot: serializeProductSnapshot(product),
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
        payload: { number, revision, publicId, awardSeq, level, pdfSha256: sha, ...(previous ? { supersedes: previous.publicId } : {}) },
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
