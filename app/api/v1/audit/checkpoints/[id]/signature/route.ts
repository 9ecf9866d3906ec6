import { userRoute } from "@/lib/api/handler";
import { checkpointFile } from "@/lib/audit/checkpoints";

// The detached CMS signature, DER: save as sig.der for `openssl cms -verify -inform DER -in sig.der`.
export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => {
  const body = await checkpointFile(user, id, "signature");
  return new Response(new Uint8Array(body), {
    headers: { "content-type": "application/pkcs7-signature", "content-disposition": `attachment; filename="checkpoint-${id}.der"` },
  });
});
