import { publicRoute } from "@/lib/api/handler";
import { getTrustAnchor } from "@/lib/certificates/trust-anchor";

// Public: the trust anchor, so anyone can check a certificate PDF offline (pdfsig, openssl, Acrobat).
export const GET = publicRoute(async () => {
  const { pem } = await getTrustAnchor();
  return new Response(pem, {
    headers: {
      "content-type": "application/x-pem-file",
      "content-disposition": 'attachment; filename="zhiji-ca.pem"',
      "cache-control": "public, max-age=3600",
    },
  });
});
