import { userRoute } from "@/lib/api/handler";
import { checkpointFile } from "@/lib/audit/checkpoints";

// The exact signed bytes: save as statement.txt for `openssl cms -verify -content statement.txt`.
export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => {
  const body = await checkpointFile(user, id, "statement");
  return new Response(new Uint8Array(body), {
    headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="checkpoint-${id}.txt"` },
  });
});
