import { userRoute, json } from "@/lib/api/handler";
import { createCheckpoint, listCheckpoints } from "@/lib/audit/checkpoints";

export const GET = userRoute(async (_req, user) => json({ checkpoints: await listCheckpoints(user) }));

export const POST = userRoute(async (_req, user) => json(await createCheckpoint(user), 201));
