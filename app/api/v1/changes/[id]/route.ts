import { userRoute, json } from "@/lib/api/handler";
import { getChange } from "@/lib/aftercare/queries";

// One change case: its state and version, its certified case, the re-test report and the events the caller may send.
export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => json(await getChange(user, id)));
