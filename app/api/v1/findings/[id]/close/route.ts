import { userRoute, json } from "@/lib/api/handler";
import { closeFinding } from "@/lib/audit/findings/close-finding";

// The ministry; 409 while the finding has no answer.
export const POST = userRoute<{ id: string }>(async (_req, user, { id }) => json(await closeFinding(user, id)));
