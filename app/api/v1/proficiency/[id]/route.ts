// One proficiency-testing round: a lab sees its own values only.
import { userRoute, json } from "@/lib/api/handler";
import { getRound } from "@/lib/proficiency/rounds";

export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => json(await getRound(user, id)));
