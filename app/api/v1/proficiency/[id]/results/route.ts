// The results of a closed round: robust mean and SD (ISO 13528 Algorithm A) and z-scores per item,
// as JSON or, with ?format=csv, as CSV, or with ?format=pdf, as a bilingual PDF report. A lab gets
// the statistics and its own row only.
import { NextResponse } from "next/server";
import { userRoute, json } from "@/lib/api/handler";
import { resultsCsv, roundResults } from "@/lib/proficiency/rounds";
import { resultsPdf } from "@/lib/proficiency/report-pdf";

export const GET = userRoute<{ id: string }>(async (req, user, { id }) => {
  const format = new URL(req.url).searchParams.get("format");
  const name = `proficiency-${id.replace(/[^A-Za-z0-9_-]/g, "")}`;
  if (format === "csv") {
    const csv = await resultsCsv(user, id);
    return new NextResponse(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}.csv"` },
    });
  }
  if (format === "pdf") {
    const pdf = await resultsPdf(user, id);
    return new NextResponse(new Uint8Array(pdf), {
      headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${name}.pdf"`, "cache-control": "private, no-store", "x-content-type-options": "nosniff" },
    });
  }
  return json(await roundResults(user, id));
});
