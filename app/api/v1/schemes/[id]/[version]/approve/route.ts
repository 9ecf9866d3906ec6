import { json, userRoute } from "@/lib/api/handler";
import { approveScheme } from "@/lib/schemes";

// A ministry user, after the comment period, every comment answered; a recent sign-in (never a token).
export const POST = userRoute<{ id: string; version: string }>(async (_req, user, { id, version }) => {
  const v = await approveScheme(user, id, version);
  return json({ status: v.status, approvedAt: v.approvedAt });
});
