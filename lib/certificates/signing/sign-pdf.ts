/**
 * PAdES (ETSI.CAdES.detached) signing of PDFs with @signpdf.
 *
 * Flow: render with pdfkit, call {@link addSignaturePlaceholder} before `doc.end()`,
 * collect the bytes, then {@link signPdf}. The objects returned by the placeholder helper
 * are already ended by it — never call `.end()` on them (the PDF would never finish).
 */
import "server-only";
import { SignPdf } from "@signpdf/signpdf";
import { pdfkitAddPlaceholder } from "@signpdf/placeholder-pdfkit";
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import type PDFDocument from "pdfkit";
import { signDetachedCms } from "./cms";
import type { SigningKey } from "./keys";

/** Bytes reserved for the CMS (hex-encoded in the file, so twice this). Our CMS is ~3 KB. */
export const SIGNATURE_PLACEHOLDER_BYTES = 16384;

export interface PlaceholderInfo {
  reason?: string;
  name?: string;
  location?: string;
  contactInfo?: string;
  signingTime?: Date;
}

/** Adds the invisible signature field + placeholder to the current page of a pdfkit document. */
export function addSignaturePlaceholder(doc: PDFKit.PDFDocument | InstanceType<typeof PDFDocument>, info: PlaceholderInfo = {}): void {
  pdfkitAddPlaceholder({
    pdf: doc,
    pdfBuffer: Buffer.alloc(0), // unused by the pdfkit variant
    reason: info.reason ?? "Certificate issued by the Zhiji portal",
    name: info.name ?? "Zhiji",
    location: info.location ?? "",
    contactInfo: info.contactInfo ?? "",
    signingTime: info.signingTime,
    signatureLength: SIGNATURE_PLACEHOLDER_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: "Zhiji",
  });
}

/** @signpdf Signer producing our CAdES-compatible detached CMS (no signingTime attribute, per PAdES). */
class PortalCadesSigner extends Signer {
  private used = false;
  constructor(private readonly key: SigningKey) {
    super();
  }
  async sign(pdfBuffer: Buffer): Promise<Buffer> {
    if (this.used) throw new Error("PortalCadesSigner signs once; create a new one per signature");
    this.used = true;
    return signDetachedCms(pdfBuffer, this.key);
  }
}

/**
 * Fills the signature placeholder of `pdfWithPlaceholder` with a detached CMS over the whole
 * document except /Contents, made with `key`.
 */
export async function signPdf(pdfWithPlaceholder: Buffer, key: SigningKey): Promise<Buffer> {
  return new SignPdf().sign(pdfWithPlaceholder, new PortalCadesSigner(key));
}
