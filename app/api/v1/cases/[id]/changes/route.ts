import { userRoute, readJson, json } from "@/lib/api/handler";
import { z } from "zod";
import { reportChange } from "@/lib/aftercare/report-change";
import { changeSummary, listCaseChanges } from "@/lib/aftercare/queries";

// The vendor reports a change of its certified product; the secretariat opens an unscheduled
// surveillance (kind "surveillance"). The body is checked by lib/aftercare/report-change.ts.
export const POST = userRoute<{ id: string }>(async (req, user, { id }) => {
  const body = await readJson(req, z.unknown());
  return json(changeSummary(await reportChange(user, id, body)), 201);
});

export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => json({ changes: await listCaseChanges(user, id) }));
