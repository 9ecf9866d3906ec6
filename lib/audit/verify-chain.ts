// The ministry's "verify the chain" button: recomputes every hash (chain.ts) and says where it breaks.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { verifyAuditChain, type ChainVerification } from "./chain";

export async function verifyChain(user: SessionUser): Promise<ChainVerification & { checkedAt: string }> {
  assertCan(user, "audit:verify");
  const r = await verifyAuditChain(db());
  return { ...r, checkedAt: new Date().toISOString() };
}
