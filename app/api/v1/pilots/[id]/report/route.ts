import { userRoute } from "@/lib/api/handler";
import { queryObject } from "@/lib/audit/filters";
import { invalidRequest } from "@/lib/errors";
import { download } from "@/lib/http/download";
import { pilotReport, reportCsv, reportFilename, reportPdf, ReportFormat } from "@/lib/pilots/report";

// ?format=csv|pdf&category=phone&from=2026-03-01&to=2026-06-30 (days in Beijing time, inclusive; at most
// about five years): the pilot report, with the dashboard's figures for the same filter.
export const GET = userRoute<{ id: string }>(async (req, user, { id }) => {
  const q = queryObject(new URL(req.url).searchParams);
  const format = ReportFormat.safeParse(q.format ?? "pdf");
  if (!format.success) throw invalidRequest(format.error.issues.map((i) => ({ ...i, path: ["format"] })), "format must be csv or pdf");
  const report = await pilotReport(user, id, q);
  const filename = reportFilename(report, format.data);
  if (format.data === "csv") return download(reportCsv(report), { type: "text/csv; charset=utf-8", filename });
  return download(await reportPdf(report), { type: "application/pdf", filename });
});
