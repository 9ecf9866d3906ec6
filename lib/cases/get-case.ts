import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { loadVisibleCase } from "./load-case";
import { caseView } from "./view";

export async function getCase(user: SessionUser, caseId: string) {
  assertCan(user, "case:read");
  return caseView(db(), user, await loadVisibleCase(db(), user, caseId));
}
