// The verify form's schema: checked in the browser before the upload (docs/decisions/0009-forms-conform-zod.md);
// POST /api/v1/verify (lib/certificates/read-pdf-upload.ts) checks the same again.
import { z } from "zod";

/** As BODY_LIMITS.verifyPdf (lib/http/body.ts), which the server enforces. */
export const VERIFY_MAX_BYTES = 5 * 1024 * 1024;
export const VERIFY_MAX_LABEL = "5 MB";

export const VerifyInput = z.object({
  file: z
    .file()
    .refine((f) => f.size <= VERIFY_MAX_BYTES, { params: { reason: "FILE_TOO_LARGE", limit: VERIFY_MAX_LABEL } }),
});
