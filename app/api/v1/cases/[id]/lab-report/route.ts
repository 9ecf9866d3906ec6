import { userRoute, json } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { saveLabReport } from "@/lib/cases/save-lab-report";
import { LabReportRequestSchema } from "@/lib/cases/schemas";
import { fieldErrors } from "@/lib/errors";

// JSON `{ results: [{ item, value, unit }] }` or a CSV body (text/csv, header item,value,unit).
export const PUT = userRoute<{ id: string }>(async (req, user, { id }) => {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  let input: string | { results: { item: string; value: number | string; unit: string }[] };
  if (type.startsWith("text/csv")) {
    input = await req.text();
  } else if (type.startsWith("application/json") || type === "") {
    let body: unknown;
    try {
      body = await req.json();
    } catch {
      throw new AppError("INVALID_INPUT", "The body must be JSON or CSV", { _: "not valid JSON" });
    }
    const parsed = LabReportRequestSchema.safeParse(body);
    if (!parsed.success) throw new AppError("INVALID_INPUT", "The lab report is not valid", fieldErrors(parsed.error.issues));
    input = parsed.data;
  } else {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send application/json or text/csv");
  }
  return json(await saveLabReport(user, id, input));
});
