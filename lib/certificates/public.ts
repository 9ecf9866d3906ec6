// What anyone may see of an issued certificate: no sign-in, so the view is built from certificate
// fields only (never the case's votes, lab or people) and always carries the live status. The
// product is the certificate's own snapshot, taken at issue time from the case's frozen one.
import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { LEVEL_NAMES, isLevel } from "@/lib/grading";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { ISSUER } from "./issue-certificate";
import { listCategories, nameOf, type Category } from "@/lib/categories";
import { liveStatus } from "./status";
import { EMPTY_PRODUCT_SNAPSHOT, parseProductSnapshot } from "@/lib/cases/product-snapshot";
import { disclosedModels } from "@/lib/cases/models";

/** `superseded`: an earlier revision; the certificate's current revision is named by `supersededBy`. */
export const CERTIFICATE_STATUSES = ["valid", "suspended", "revoked", "expired", "superseded"] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];
/** The statuses the registry filters by: it lists current revisions only, never superseded ones. */
export const REGISTRY_STATUSES = ["valid", "suspended", "revoked", "expired"] as const satisfies readonly CertificateStatus[];

// A select, not an include: the stored PDF (a blob) is never loaded to build the view.
export const PUBLIC_CERTIFICATE_SELECT = {
  number: true,
  revision: true,
  supersededById: true,
  publicId: true,
  status: true,
  statusReason: true,
  statusChangedAt: true,
  level: true,
  profile: true,
  issuedAt: true,
  validUntil: true,
  pdfSha256: true,
  productSnapshot: true,
  buildFingerprint: true,
  case: {
    select: {
      organization: { select: { name: true, nameZh: true } },
      pilot: { select: { id: true, name: true, nameZh: true } },
      schemeVersion: { select: { schemeId: true, version: true, category: true } },
    },
  },
} satisfies Prisma.CertificateSelect;

export type PublicCertificateRow = Prisma.CertificateGetPayload<{ select: typeof PUBLIC_CERTIFICATE_SELECT }>;

export type ProfileEntry = { key: string; title: { zh: string; en: string }; level: string | null };

/** The public shape of a certificate (GET /api/v1/certificates/{publicId}, the verify page, POST /verify). */
/** `categories`: the Category table (lib/categories), for the category's names. */
export function toPublicCertificate(row: PublicCertificateRow, now = new Date(), categories: readonly Category[] = []) {
  const status = liveStatus(row, now) as CertificateStatus;
  // A validity that ran out before the expiry sweep recorded it: the date it ended is the change.
  const lapsed = status === "expired" && row.status !== "expired";
  const c = row.case;
  const product = parseProductSnapshot(row.productSnapshot) ?? EMPTY_PRODUCT_SNAPSHOT;
  return {
    number: row.number,
    revision: row.revision,
    publicId: row.publicId,
    status,
    statusReason: lapsed ? null : row.statusReason,
    statusChangedAt: lapsed ? row.validUntil.toISOString() : (row.statusChangedAt?.toISOString() ?? null),
    level: row.level,
    levelName: isLevel(row.level) ? LEVEL_NAMES[row.level] : { zh: row.level, en: row.level },
    profile: JSON.parse(row.profile) as ProfileEntry[],
    // The product as certified (the certificate's own copy), never the live product row.
    // `models`: what the product disclosed at SUBMIT (docs/domain.md#model-disclosure); [] = not disclosed.
    product: { name: product.name, model: product.model, softwareVersion: product.softwareVersion, models: disclosedModels(product.modelInfo) },
    /** The on-device model, cloud model and hardware versions amendments added (docs/domain.md#revisions). */
    versionsCovered: product.versionsCovered ?? [],
    /** The fingerprint of the build the lab tested (its report's sample); null on a certificate issued before reports carried one. */
    buildFingerprint: row.buildFingerprint,
    vendor: c.organization.name,
    vendorZh: c.organization.nameZh,
    category: c.schemeVersion.category,
    categoryName: nameOf(categories, c.schemeVersion.category),
    scheme: { id: c.schemeVersion.schemeId, version: c.schemeVersion.version },
    pilot: { id: c.pilot.id, name: c.pilot.name, nameZh: c.pilot.nameZh },
    issuedAt: row.issuedAt.toISOString(),
    validUntil: row.validUntil.toISOString(),
    issuer: ISSUER,
    /** SHA-256 of the signed PDF: a downloaded copy can be compared offline (sha256sum). */
    pdfSha256: row.pdfSha256,
  };
}
export type PublicCertificate = ReturnType<typeof toPublicCertificate>;

/** What an amendment changed: the kind of change and its versions (never the vendor's description). */
export type RevisionChange = { kind: string; from: string; to: string };

/**
 * A certificate's revisions, oldest first: what the public sees of its history. `kind` says why each
 * was issued (award, downgrade, amendment); `reason` is the ministry's reason of a downgrade or the
 * amendment's; `change` is what an amendment changed.
 */
export type CertificateRevision = {
  revision: number;
  publicId: string;
  kind: string;
  level: string;
  issuedAt: string;
  status: string;
  reason: string | null;
  change: RevisionChange | null;
};

/**
 * Public: anyone may look up a certificate by its public id (the id is the capability, 144 random
 * bits), with its revision history and, for an earlier revision, the current one (`supersededBy`).
 */
export async function getPublicCertificate(publicId: string): Promise<PublicCertificate & { supersededBy: string | null; revisions: CertificateRevision[] }> {
  const database = db();
  const row = await database.certificate.findUnique({ where: { publicId }, select: PUBLIC_CERTIFICATE_SELECT });
  if (!row) throw notFound("CERTIFICATE_NOT_FOUND");
  return { ...toPublicCertificate(row, new Date(), await listCategories()), ...(await revisionHistory(row.number, row.supersededById)) };
}

/** The revisions of certificate `number`, and the public id of the revision that superseded one. */
export async function revisionHistory(number: string, supersededById: string | null): Promise<{ supersededBy: string | null; revisions: CertificateRevision[] }> {
  const database = db();
  const rows = await database.certificate.findMany({
    where: { number },
    orderBy: { revision: "asc" },
    select: {
      id: true, revision: true, revisionKind: true, revisionReason: true, changeId: true,
      publicId: true, level: true, issuedAt: true, status: true, validUntil: true,
    },
  });
  const changeIds = [...new Set(rows.flatMap((r) => (r.revisionKind === "amendment" && r.changeId ? [r.changeId] : [])))];
  const changes = changeIds.length
    ? await database.changeCase.findMany({ where: { id: { in: changeIds } }, select: { id: true, kind: true, fromVersion: true, toVersion: true } })
    : [];
  const changeById = new Map(changes.map((c) => [c.id, { kind: c.kind, from: c.fromVersion, to: c.toVersion }]));
  return {
    supersededBy: supersededById ? (rows.find((r) => r.id === supersededById)?.publicId ?? null) : null,
    revisions: rows.map((r) => ({
      revision: r.revision,
      publicId: r.publicId,
      kind: r.revisionKind,
      level: r.level,
      issuedAt: r.issuedAt.toISOString(),
      status: liveStatus(r),
      reason: r.revisionKind === "award" ? null : r.revisionReason,
      change: r.revisionKind === "amendment" && r.changeId ? (changeById.get(r.changeId) ?? null) : null,
    })),
  };
}
