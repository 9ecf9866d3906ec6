import { userRoute } from "@/lib/api/handler";
import { checkpointFile } from "@/lib/audit/checkpoints";
import { download } from "@/lib/http/download";

// The exact signed bytes: save as statement.txt for `openssl cms -verify -content statement.txt`.
export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => {
  const body = await checkpointFile(user, id, "statement");
  return download(body, { type: "text/plain; charset=utf-8", filename: `checkpoint-${id}.txt` });
});
