import { userRoute } from "@/lib/api/handler";
import { checkpointFile } from "@/lib/audit/checkpoints";
import { download } from "@/lib/http/download";

// The detached CMS signature, DER: save as sig.der for `openssl cms -verify -inform DER -in sig.der`.
export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => {
  const body = await checkpointFile(user, id, "signature");
  return download(body, { type: "application/pkcs7-signature", filename: `checkpoint-${id}.der` });
});
