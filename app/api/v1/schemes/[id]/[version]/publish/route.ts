import { json, userRoute } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { publishScheme } from "@/lib/schemes";

// { "effectiveFrom": "YYYY-MM-DD", "transitionUntil"?: "YYYY-MM-DD" } — the secretariat publishes an
// approved version; a recent sign-in (never a token).
export const POST = userRoute<{ id: string; version: string }>(async (req, user, { id, version }) => {
  const v = await publishScheme(user, id, version, await readJsonBody(req));
  return json({ status: v.status, publishedAt: v.publishedAt, effectiveFrom: v.effectiveFrom });
});
