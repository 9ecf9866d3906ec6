// The ministry's "verify the chain" button: recomputes every hash (chain.ts) and says where it breaks.
// The rows are read through the database driver directly (the URL db() connects to).
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { verifyAuditChain, type ChainVerification } from "./chain";

export async function verifyChain(user: SessionUser): Promise<ChainVerification & { checkedAt: string }> {
  assertCan(user, "audit:verify");
  const r = await verifyAuditChain(db(), { url: env().DATABASE_URL });
  return { ...r, checkedAt: new Date().toISOString() };
}
