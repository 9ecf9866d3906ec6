import { publicRoute } from "@/lib/api/handler";
import { getCertificatePdf } from "@/lib/certificates/get-certificate-pdf";

// Public: the signed PDF as issued, named by its certificate number.
export const GET = publicRoute<{ publicId: string }>(async (_req, { publicId }) => {
  const { number, pdf } = await getCertificatePdf(publicId);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-length": String(pdf.length),
      "content-disposition": `attachment; filename="${number}.pdf"`,
      "x-content-type-options": "nosniff",
      // The bytes never change once issued; the status lives in the JSON view, not here.
      "cache-control": "public, max-age=86400, immutable",
    },
  });
});
