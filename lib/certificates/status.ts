// A certificate's status follows its case at once: changed in the same transaction as the event.
import "server-only";
import type { Tx } from "@/lib/db";

const STATUS_AFTER = { SUSPEND: "suspended", REINSTATE: "valid", REVOKE: "revoked", EXPIRE: "expired" } as const;

export async function syncCertificateStatus(
  tx: Tx,
  caseId: string,
  type: keyof typeof STATUS_AFTER,
  reason: string | null,
  at: Date,
) {
  await tx.certificate.updateMany({
    // Only the current revision follows the case; earlier ones stay superseded.
    where: { caseId, supersededById: null, status: { notIn: ["revoked", "expired"] } },
    data: { status: STATUS_AFTER[type], statusReason: type === "REINSTATE" ? null : reason, statusChangedAt: at },
  });
}

/** An upheld appeal against a suspension or revocation: the current revision is valid again. */
export async function restoreCertificateStatus(tx: Tx, caseId: string, at: Date) {
  await tx.certificate.updateMany({
    where: { caseId, supersededById: null, status: { in: ["suspended", "revoked"] } },
    data: { status: "valid", statusReason: null, statusChangedAt: at },
  });
}

/** The status a certificate shows now: a validity that has run out reads as expired even before the sweep. */
export function liveStatus(c: { status: string; validUntil: Date }, now = new Date()): string {
  if ((c.status === "valid" || c.status === "suspended") && c.validUntil.getTime() <= now.getTime()) return "expired";
  return c.status;
}
