import { publicRoute, json } from "@/lib/api/handler";
import { readPdfUpload } from "@/lib/certificates/read-pdf-upload";
import { verifyCertificate } from "@/lib/certificates/verify-certificate";

// Public: the PDF as the raw body (application/pdf) or the multipart field "file"; at most 10 MB.
export const POST = publicRoute(async (req) => {
  const res = json(await verifyCertificate(await readPdfUpload(req)));
  res.headers.set("cache-control", "no-store");
  return res;
});
