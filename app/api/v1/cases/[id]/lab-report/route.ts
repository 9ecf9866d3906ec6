import { userRoute, json } from "@/lib/api/handler";
import { saveLabReport } from "@/lib/cases/save-lab-report";
import { readLabReportBody } from "@/lib/http/lab-report-body";
import { LabReportRequestSchema } from "@/lib/cases/schemas";

// The assigned lab's results, JSON (with the report envelope) or CSV (lib/http/lab-report-body.ts), at most a few rows per scheme item.
export const PUT = userRoute<{ id: string }>(async (req, user, { id }) => json(await saveLabReport(user, id, await readLabReportBody(req, LabReportRequestSchema))));
