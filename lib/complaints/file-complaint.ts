// Anyone files a complaint about a certificate (signed in or not): within the per-address limit,
// it is linked to the certificate's case, audited on that case (COMPLAINT_RECEIVED, the reference in
// the payload) and answered with its reference and a tracking token shown this once.
import "server-only";
import { db, isUniqueViolation, type Db } from "@/lib/db";
import { domainError, invalidRequest } from "@/lib/errors";
import { appendAuditEvent } from "@/lib/audit/chain";
import type { SessionUser } from "@/lib/permissions";
import { FileComplaintSchema } from "./schemas";
import { claimComplaintSlot } from "./throttle";
import { hashTrackingToken, newReference, newTrackingToken } from "./secrets";

export type FiledComplaint = { reference: string; trackingToken: string };

/** The certificate a complaint names: by public id (one revision) or number (its newest revision); both must agree. */
async function findTarget(database: Db, certificateNumber?: string, publicId?: string) {
  if (!certificateNumber && !publicId) throw domainError("COMPLAINT_TARGET_REQUIRED", {}, { fields: { certificateNumber: { reason: "COMPLAINT_TARGET_REQUIRED", params: {} } } });
  const select = { id: true, caseId: true, number: true } as const;
  const byPublicId = publicId ? await database.certificate.findUnique({ where: { publicId }, select }) : null;
  const byNumber = certificateNumber
    ? await database.certificate.findFirst({ where: { number: certificateNumber.toUpperCase() }, orderBy: { revision: "desc" }, select })
    : null;
  const target = byPublicId ?? byNumber;
  const unknown = (publicId && !byPublicId) || (certificateNumber && !byNumber) || (byPublicId && byNumber && byPublicId.number !== byNumber.number);
  if (!target || unknown) {
    const field = publicId && !byPublicId ? "publicId" : "certificateNumber";
    throw domainError("COMPLAINT_TARGET_UNKNOWN", {}, { fields: { [field]: { reason: "COMPLAINT_TARGET_UNKNOWN", params: {} } } });
  }
  return target;
}

export async function fileComplaint(
  input: unknown,
  from: { address: string; user?: SessionUser | null },
  now = new Date(),
): Promise<FiledComplaint> {
  const database = db();
  const parsed = FileComplaintSchema.safeParse(input);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The complaint is not valid");
  const c = parsed.data;
  const target = await findTarget(database, c.certificateNumber, c.publicId);
  await claimComplaintSlot(database, from.address, now);

  const trackingToken = newTrackingToken();
  const tokenHash = hashTrackingToken(trackingToken);
  for (let attempt = 0; ; attempt++) {
    const reference = newReference(now);
    try {
      await database.$transaction(async (tx) => {
        const row = await tx.complaint.create({
          data: {
            reference,
            tokenHash,
            caseId: target.caseId,
            certificateId: target.id,
            subject: c.subject,
            text: c.text,
            contact: c.contact ?? null,
            state: "received",
            filedById: from.user?.id ?? null,
            receivedAt: now,
          },
        });
        // The complainant's words and contact stay in the complaint; the chain keeps that it came, and about what.
        await appendAuditEvent(tx, {
          caseId: target.caseId,
          actorId: from.user?.id ?? null,
          actorRole: from.user?.role ?? "public",
          type: "COMPLAINT_RECEIVED",
          payload: { reference, complaintId: row.id, certificateNumber: target.number, complaintState: "received", version: 1 },
          at: now,
        });
      });
      return { reference, trackingToken };
    } catch (e) {
      // Another complaint drew the same reference: draw again (vanishingly rare).
      if (isUniqueViolation(e) && attempt < 4) continue;
      throw e;
    }
  }
}
