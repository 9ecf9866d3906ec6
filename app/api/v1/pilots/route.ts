import { userRoute, json } from "@/lib/api/handler";
import { listPilots } from "@/lib/pilots/list-pilots";

export const GET = userRoute(async (_req, user) => json({ pilots: await listPilots(user) }));
