import { userRoute, json } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { queryObject } from "@/lib/audit/filters";
import { listFindings } from "@/lib/audit/findings/list-findings";
import { recordFinding } from "@/lib/audit/findings/record-finding";

// ?caseId=&pilotId=&status=open|answered|closed|pending
export const GET = userRoute(async (req, user) => json({ findings: await listFindings(user, queryObject(new URL(req.url).searchParams)) }));

// { "caseId", "severity": "low"|"medium"|"high", "text" }
export const POST = userRoute(async (req, user) => {
  const body = await readJsonBody(req);
  return json(await recordFinding(user, body), 201);
});
