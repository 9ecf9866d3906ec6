import { userRoute, json } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { listPilots } from "@/lib/pilots/list-pilots";
import { createPilot } from "@/lib/pilots/create-pilot";
import { pilotJson } from "@/lib/pilots/pilot-json";

export const GET = userRoute(async (_req, user) => json({ pilots: await listPilots(user) }));

// Secretariat: { name, nameZh, scope: ["phone"], startsAt, endsAt?, applicationsFrom?, applicationsUntil?, stageLimits? } → a draft.
export const POST = userRoute(async (req, user) => {
  const body = await readJsonBody(req);
  return json(pilotJson(await createPilot(user, body)), 201);
});
