// The body of a lab report upload (the case's report and a change case's re-test): JSON
// `{ results: [{ item, value, unit, uncertainty?, n? }] }` (the case's report also takes the envelope
// fields, docs/domain.md#lab-evidence) or CSV (text/csv, header
// item,value,unit[,uncertainty[,n]]), either at most BODY_LIMITS.labReport (2 MB). The rows are
// bounded again by the scheme (lib/grading/lab-report.ts).
import "server-only";
import { AppError, fieldErrors } from "@/lib/errors";
import { LabResultsRequestSchema, type LabReportRequestSchema } from "@/lib/cases/schemas";
import type { LabReportInput } from "@/lib/grading";
import { BODY_LIMITS, readBodyText, readJsonBody } from "./body";

/** `schema`: the JSON shape, results only (a re-test) unless the case's report passes LabReportRequestSchema (with the envelope). */
export async function readLabReportBody(
  req: Request,
  schema: typeof LabResultsRequestSchema | typeof LabReportRequestSchema = LabResultsRequestSchema,
): Promise<LabReportInput> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("text/csv")) return readBodyText(req, BODY_LIMITS.labReport, "The lab report");
  if (type.startsWith("application/json") || type === "") {
    const body = await readJsonBody(req, BODY_LIMITS.labReport);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new AppError("INVALID_INPUT", "The lab report is not valid", fieldErrors(parsed.error.issues));
    return parsed.data as LabReportInput;
  }
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send application/json or text/csv");
}
