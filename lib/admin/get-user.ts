import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";
import { publicUser } from "./list-users";

/** One user with their expert affiliations. */
export async function getUser(actor: SessionUser, userId: string) {
  assertCan(actor, "user:manage");
  const u = await db().user.findUnique({
    where: { id: userId },
    include: { organization: true, affiliations: { include: { organization: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!u) throw domainError("USER_NOT_FOUND");
  return {
    ...publicUser(u),
    affiliations: u.affiliations.map((a) => ({
      id: a.id,
      note: a.note,
      createdAt: a.createdAt,
      organization: { id: a.organization.id, name: a.organization.name, nameZh: a.organization.nameZh, kind: a.organization.kind },
    })),
  };
}
