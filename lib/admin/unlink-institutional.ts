// Unlinking a user's institutional account (docs/security.md#institutional-sign-in): the stored
// "<issuer> <subject>" is cleared, so the next institutional sign-in links again by verified email
// (for a person whose account at the provider was re-created). Bumps sessionVersion: sessions
// opened through the old identity end on their next request.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";
import { auditAdmin, parseInput } from "./parse";
import { UserRef } from "./schemas";

export async function unlinkInstitutionalAccount(actor: SessionUser, raw: unknown) {
  assertCan(actor, "user:manage");
  const { userId } = parseInput(UserRef, raw);
  const database = db();
  return database.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) throw domainError("USER_NOT_FOUND");
    if (!before.oidcSubject) throw domainError("USER_NOT_LINKED");
    // Compare-and-set on the subject read: two admins unlinking at once audit one unlink.
    const done = await tx.user.updateMany({
      where: { id: userId, oidcSubject: before.oidcSubject },
      data: { oidcSubject: null, sessionVersion: { increment: 1 } },
    });
    if (done.count !== 1) throw domainError("USER_NOT_LINKED");
    await auditAdmin(tx, actor, "ADMIN_USER_OIDC_UNLINKED", { userId, email: before.email, subject: before.oidcSubject });
    return { id: userId, oidcSubject: null };
  });
}
