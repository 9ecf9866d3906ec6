import { userRoute, json } from "@/lib/api/handler";
import { AppError, fieldErrors } from "@/lib/errors";
import { saveChangeReport } from "@/lib/aftercare/change-report";
import { getChange } from "@/lib/aftercare/queries";
import { LabReportRequestSchema } from "@/lib/cases/schemas";
import { BODY_LIMITS, readBodyText, readJsonBody } from "@/lib/http/body";

// The re-test results over exactly the listed items: JSON `{ results: [{ item, value, unit }] }` or
// CSV (text/csv, header item,value,unit), at most BODY_LIMITS.labReport (2 MB).
export const PUT = userRoute<{ id: string }>(async (req, user, { id }) => {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  let input: string | { results: { item: string; value: number | string; unit: string }[] };
  if (type.startsWith("text/csv")) {
    input = await readBodyText(req, BODY_LIMITS.labReport, "The lab report");
  } else if (type.startsWith("application/json") || type === "") {
    const body = await readJsonBody(req, BODY_LIMITS.labReport);
    const parsed = LabReportRequestSchema.safeParse(body);
    if (!parsed.success) throw new AppError("INVALID_INPUT", "The lab report is not valid", fieldErrors(parsed.error.issues));
    input = parsed.data;
  } else {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send application/json or text/csv");
  }
  return json(await saveChangeReport(user, id, input));
});

export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => json({ report: (await getChange(user, id)).report }));
