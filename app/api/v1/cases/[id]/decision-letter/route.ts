// The case's latest decision letter, a signed PDF (docs/domain.md#decision-letters), for whoever may see the case.
import { userRoute } from "@/lib/api/handler";
import { getDecisionLetterPdf } from "@/lib/letters/get-letter";
import { download } from "@/lib/http/download";

export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => {
  const { filename, pdf } = await getDecisionLetterPdf(user, id);
  return download(pdf, { type: "application/pdf", filename });
});
