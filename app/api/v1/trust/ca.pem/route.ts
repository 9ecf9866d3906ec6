import { publicRoute } from "@/lib/api/handler";
import { caBundlePem } from "@/lib/certificates/trust-anchor";

// Public: the trust anchors, so anyone can check a certificate PDF offline (pdfsig, openssl, Acrobat):
// every CA the portal's keys chain to, the current one first, after a rotation too.
export const GET = publicRoute(async () => {
  const pem = await caBundlePem();
  return new Response(pem, {
    headers: {
      "content-type": "application/x-pem-file",
      "content-disposition": 'attachment; filename="zhiji-ca.pem"',
      "cache-control": "public, max-age=3600",
    },
  });
});
