// The secretariat closes a round (PT_ROUND_CLOSED); its results are then shown.
import { userRoute, json } from "@/lib/api/handler";
import { closeRound } from "@/lib/proficiency/rounds";

export const POST = userRoute<{ id: string }>(async (_req, user, { id }) => json(await closeRound(user, id)));
