// A lab's own accreditations with their detail (docs/domain.md#lab-evidence), for its home page.
import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/permissions";
import { ownAccreditations } from "./accreditations";

export async function myAccreditations(user: SessionUser) {
  if (user.role !== "lab") return [];
  return ownAccreditations(db(), user.organizationId);
}
