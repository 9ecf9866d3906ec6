import { publicRoute } from "@/lib/api/handler";
import { getCertificatePdf } from "@/lib/certificates/get-certificate-pdf";
import { download } from "@/lib/http/download";

// Public: the signed PDF as issued, named by its certificate number.
export const GET = publicRoute<{ publicId: string }>(async (_req, { publicId }) => {
  const { number, pdf } = await getCertificatePdf(publicId);
  // The bytes never change once issued; the status lives in the JSON view, not here.
  return download(pdf, { type: "application/pdf", filename: `${number}.pdf`, cache: "immutable" });
});
