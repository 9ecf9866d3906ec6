import { userRoute, json } from "@/lib/api/handler";
import { verifyChain } from "@/lib/audit/verify-chain";

export const GET = userRoute(async (_req, user) => {
  const r = await verifyChain(user);
  return json(r.ok ? { ok: true, count: r.count, head: r.head } : { ok: false, brokenAt: r.brokenAt, reason: r.reason });
});
