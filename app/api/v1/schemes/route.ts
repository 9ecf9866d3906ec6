import { json, userRoute } from "@/lib/api/handler";
import { listSchemes } from "@/lib/schemes";

export const GET = userRoute(async (_req, user) => json({ schemes: await listSchemes(user) }));
