import { userRoute, json } from "@/lib/api/handler";
import { assertCan } from "@/lib/permissions";
import { verifyAuditChain } from "@/lib/audit/chain";
import { db } from "@/lib/db";

export const GET = userRoute(async (_req, user) => {
  assertCan(user, "audit:verify");
  const r = await verifyAuditChain(db());
  return json(r.ok ? { ok: true, count: r.count, head: r.head } : { ok: false, brokenAt: r.brokenAt, reason: r.reason });
});
