// The case's latest submitted lab report as a bilingual PDF (docs/domain.md#lab-evidence), for whoever may see the case.
import { userRoute } from "@/lib/api/handler";
import { getLabReportPdf } from "@/lib/cases/lab-report-pdf";

export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => {
  const { filename, pdf } = await getLabReportPdf(user, id);
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
