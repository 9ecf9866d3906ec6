import { publicRoute, json } from "@/lib/api/handler";
import { getPublicCertificate } from "@/lib/certificates/public";

// Public: the certificate with its live status; never cached, since the status can change at any moment.
export const GET = publicRoute<{ publicId: string }>(async (_req, { publicId }) => {
  const res = json(await getPublicCertificate(publicId));
  res.headers.set("cache-control", "no-store");
  return res;
});
