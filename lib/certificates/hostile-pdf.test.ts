// The verify parser stays linear and capped on crafted PDFs: it counts the work it does, and these
// tests assert on that count and on the verdict (timings belong to `npm run bench:hostile`).
import { describe, expect, it } from "vitest";
import { MAX_CMS_BYTES, MAX_SIGNATURES, REASONS, verifySignedPdf, type PdfScanStats } from "./verify-signature";
import { craftByteRangePdf } from "./hostile-pdf";

const CA = "not needed: no crafted file gets as far as the CA";
const stats = (): PdfScanStats => ({ candidates: 0, cmsChecked: 0 });

describe("verifySignedPdf on crafted files", () => {
  it("a 1 MB file with thousands of /ByteRange entries over the whole file is refused after MAX_SIGNATURES + 1 of them, without checking any signature", () => {
    const pdf = craftByteRangePdf(1024 * 1024);
    expect(pdf.length).toBe(1024 * 1024);
    const s = stats();
    const check = verifySignedPdf(pdf, CA, s);
    expect(check).toMatchObject({ intact: false, signedByPortal: false });
    expect(check.reason).toContain(REASONS.malformed);
    expect(s).toEqual({ candidates: MAX_SIGNATURES + 1, cmsChecked: 0 });
  });

  it("with no more entries than allowed, only the last one covering the whole file is checked, once", () => {
    const pdf = craftByteRangePdf(64 * 1024, { entries: MAX_SIGNATURES });
    const s = stats();
    expect(verifySignedPdf(pdf, CA, s)).toMatchObject({ intact: false, reason: REASONS.altered });
    expect(s).toEqual({ candidates: MAX_SIGNATURES, cmsChecked: 1 });
  });

  it("a /Contents larger than any real signature is refused before it is decoded", () => {
    const pdf = craftByteRangePdf(4 * MAX_CMS_BYTES, { entries: 1 });
    const s = stats();
    const check = verifySignedPdf(pdf, CA, s);
    expect(check.reason).toContain(REASONS.malformed);
    expect(s).toEqual({ candidates: 1, cmsChecked: 0 });
  });
});
