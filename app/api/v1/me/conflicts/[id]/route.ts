// Withdraws one of the caller's declarations: the row stays with withdrawnAt set (the history).
import { userRoute, json } from "@/lib/api/handler";
import { withdrawConflict } from "@/lib/conflicts/declarations";

export const DELETE = userRoute<{ id: string }>(async (_req, user, { id }) => json(await withdrawConflict(user, id)));
