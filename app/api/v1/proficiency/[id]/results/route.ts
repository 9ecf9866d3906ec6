// The results of a closed round: robust mean and SD (ISO 13528 Algorithm A) and z-scores per item,
// as JSON or, with ?format=csv, as CSV, or with ?format=pdf, as a bilingual PDF report. A lab gets
// the statistics and its own row only.
import { userRoute, json } from "@/lib/api/handler";
import { resultsCsv, roundResults } from "@/lib/proficiency/rounds";
import { resultsPdf } from "@/lib/proficiency/report-pdf";
import { download } from "@/lib/http/download";

export const GET = userRoute<{ id: string }>(async (req, user, { id }) => {
  const format = new URL(req.url).searchParams.get("format");
  const name = `proficiency-${id.replace(/[^A-Za-z0-9_-]/g, "")}`;
  if (format === "csv") return download(await resultsCsv(user, id), { type: "text/csv; charset=utf-8", filename: `${name}.csv` });
  if (format === "pdf") return download(await resultsPdf(user, id), { type: "application/pdf", filename: `${name}.pdf` });
  return json(await roundResults(user, id));
});
