import { userRoute, json } from "@/lib/api/handler";
import { getCase } from "@/lib/cases/get-case";

export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => json(await getCase(user, id)));
