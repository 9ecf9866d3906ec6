// The results of a closed round: robust mean and SD (ISO 13528 Algorithm A) and z-scores per item,
// as JSON or, with ?format=csv, as CSV. A lab gets the statistics and its own row only.
import { NextResponse } from "next/server";
import { userRoute, json } from "@/lib/api/handler";
import { resultsCsv, roundResults } from "@/lib/proficiency/rounds";

export const GET = userRoute<{ id: string }>(async (req, user, { id }) => {
  if (new URL(req.url).searchParams.get("format") === "csv") {
    const csv = await resultsCsv(user, id);
    return new NextResponse(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="proficiency-${id.replace(/[^A-Za-z0-9_-]/g, "")}.csv"` },
    });
  }
  return json(await roundResults(user, id));
});
