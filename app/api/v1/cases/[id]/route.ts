import { userRoute, json } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { getCase } from "@/lib/cases/get-case";
import { updateApplication } from "@/lib/cases/update-application";

export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => json(await getCase(user, id)));

/** The vendor edits its draft application (product, claimed level, model information, declarations). */
export const PATCH = userRoute<{ id: string }>(async (req, user, { id }) => {
  const body = await readJsonBody(req);
  await updateApplication(user, id, body);
  return json(await getCase(user, id));
});
