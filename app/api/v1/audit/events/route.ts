import { userRoute, json } from "@/lib/api/handler";
import { listAuditEvents } from "@/lib/audit/explorer/query";
import { queryObject } from "@/lib/audit/filters";

// ?caseId=&actorId=&role=&type=&from=&to=&before=<seq>&take= — newest first; `nextBefore` pages on.
export const GET = userRoute(async (req, user) => json(await listAuditEvents(user, queryObject(new URL(req.url).searchParams))));
