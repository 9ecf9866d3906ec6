// The machine's view of who is acting: a user with their organisations, or the system.
import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { SessionUser } from "@/lib/permissions";
import type { Actor } from "@/workflows/certification";

export const SYSTEM_ACTOR: Actor = { id: "system", role: "system", orgId: null, affiliationOrgIds: [] };

export async function actorFor(database: Db | Tx, user: SessionUser): Promise<Actor> {
  // Affiliations are kept for experts only (lib/admin/add-affiliation.ts): nobody else's are read.
  const affiliations =
    user.role === "expert" ? await database.expertAffiliation.findMany({ where: { userId: user.id }, select: { organizationId: true } }) : [];
  return {
    id: user.id,
    role: user.role,
    orgId: user.organizationId,
    affiliationOrgIds: [user.organizationId, ...affiliations.map((a) => a.organizationId)],
  };
}
