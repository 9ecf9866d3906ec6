import { userRoute, json } from "@/lib/api/handler";
import { saveChangeReport } from "@/lib/aftercare/change-report";
import { getChange } from "@/lib/aftercare/queries";
import { readLabReportBody } from "@/lib/http/lab-report-body";

// The re-test results over exactly the listed items, JSON or CSV (lib/http/lab-report-body.ts).
export const PUT = userRoute<{ id: string }>(async (req, user, { id }) => json(await saveChangeReport(user, id, await readLabReportBody(req))));

export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => json({ report: (await getChange(user, id)).report }));
