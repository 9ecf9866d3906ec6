// The case's latest submitted lab report as a bilingual PDF (docs/domain.md#lab-evidence), for whoever may see the case.
import { userRoute } from "@/lib/api/handler";
import { getLabReportPdf } from "@/lib/cases/lab-report-pdf";
import { download } from "@/lib/http/download";

export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => {
  const { filename, pdf } = await getLabReportPdf(user, id);
  return download(pdf, { type: "application/pdf", filename });
});
