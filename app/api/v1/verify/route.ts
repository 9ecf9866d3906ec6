import { publicRoute, json } from "@/lib/api/handler";
import { clientAddress, rateLimit } from "@/lib/api/rate-limit";
import { readPdfUpload } from "@/lib/certificates/read-pdf-upload";
import { verifyCertificate } from "@/lib/certificates/verify-certificate";

// Public: the PDF as the raw body (application/pdf) or the multipart field "file"; at most 5 MB
// (BODY_LIMITS.verifyPdf, counted while it arrives), at most 60 checks a minute from one address.
// The check itself is linear in the file and capped (lib/certificates/verify-signature.ts).
export const POST = publicRoute(async (req) => {
  await rateLimit(`verify:${clientAddress(req)}`, 60, 60_000);
  const res = json(await verifyCertificate(await readPdfUpload(req)));
  res.headers.set("cache-control", "no-store");
  return res;
});
