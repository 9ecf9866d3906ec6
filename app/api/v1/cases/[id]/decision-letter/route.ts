// The case's latest decision letter, a signed PDF (docs/domain.md#decision-letters), for whoever may see the case.
import { userRoute } from "@/lib/api/handler";
import { getDecisionLetterPdf } from "@/lib/letters/get-letter";

export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => {
  const { filename, pdf } = await getDecisionLetterPdf(user, id);
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
