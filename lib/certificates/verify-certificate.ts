// Public: is this PDF a genuine certificate of this portal, and what is its status now?
// Genuine means three things at once: the signature covers the whole document and is intact,
// it was made with a key the portal held when the certificate was issued (the current key or a
// rotated one, lib/certificates/signing/keyring.ts), and the exact bytes are a certificate we
// issued (so a validly signed but unknown document, e.g. from a restored old key, is refused).
import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { getPortalKeyring } from "./portal-key";
import { heldKeyFor } from "./signing/keyring";
import { PUBLIC_CERTIFICATE_SELECT, toPublicCertificate, type PublicCertificate } from "./public";
import { listCategories } from "@/lib/categories";
import { REASONS, verifySignedPdf } from "./verify-signature";

/** Stable codes for the outcome (the UI translates them; `reason` is the English sentence). */
export const VERIFY_REASON_CODES = ["valid", "not_pdf", "none", "altered", "malformed", "foreign", "unknown"] as const;
export type VerifyReasonCode = (typeof VERIFY_REASON_CODES)[number];

export type VerifyResult = {
  valid: boolean;
  reasonCode: VerifyReasonCode;
  reason: string;
  /** Only for a genuine document: the certificate with its live status (it may be revoked). */
  certificate: PublicCertificate | null;
};

const SENTENCES: Record<VerifyReasonCode, string> = {
  valid: "Genuine: the signature is intact, made with the portal's key, and matches a certificate the portal issued",
  not_pdf: "The file is not a PDF",
  none: "The document carries no signature",
  altered: "The document was altered after it was signed",
  malformed: "The signature is malformed",
  foreign: "The signature was not made with the portal's key",
  unknown: "The signature is the portal's, but the document matches no certificate the portal issued",
};

function result(reasonCode: VerifyReasonCode, certificate: PublicCertificate | null = null): VerifyResult {
  return { valid: reasonCode === "valid", reasonCode, reason: SENTENCES[reasonCode], certificate };
}

export async function verifyCertificate(pdf: Buffer): Promise<VerifyResult> {
  // PDF readers accept the header within the first 1024 bytes.
  if (!pdf.subarray(0, 1024).includes("%PDF-")) return result("not_pdf");
  const ring = await getPortalKeyring();
  const check = verifySignedPdf(pdf, ring.cas);
  if (!check.intact) {
    if (check.reason === REASONS.none) return result("none");
    if (check.reason === REASONS.altered) return result("altered");
    return result("malformed");
  }
  if (!check.signedByPortal) return result("foreign");
  const sha256 = crypto.createHash("sha256").update(pdf).digest("hex");
  const row = await db().certificate.findUnique({ where: { pdfSha256: sha256 }, select: { ...PUBLIC_CERTIFICATE_SELECT, createdAt: true } });
  if (!row) return result("unknown");
  // The date is the stored row's, never the PDF's: awarded at issuedAt, signed when the row was
  // written (the outbox may run later). A key retired before then did not sign it.
  if (!heldKeyFor(ring, check.signer!, check.chain ?? [], row.issuedAt, row.createdAt)) return result("foreign");
  return result("valid", toPublicCertificate(row, new Date(), await listCategories()));
}
