// An admin creates an account without a password; the person chooses one through a one-time link,
// mailed to them (and, in development and the demo only, returned here once); only its hash is stored.
import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { assertCan, type Role, type SessionUser } from "@/lib/permissions";
import { linkId, newSetPasswordLink } from "@/lib/auth/set-password";
import { linkShownToAdmin, mailSetPasswordLink } from "./issue-set-password-link";
import { auditAdmin, fieldError, parseInput } from "./parse";
import { CreateUserInput, roleFitsOrganization } from "./schemas";

const emailTaken = () => fieldError("email", "emailTaken", "A user with this email exists already");

export async function createUser(actor: SessionUser, raw: unknown) {
  assertCan(actor, "user:manage");
  const input = parseInput(CreateUserInput, raw, "The user is not valid");
  const database = db();
  const org = await database.organization.findUnique({ where: { id: input.organizationId } });
  if (!org) throw fieldError("organizationId", "unknownOrganization", "No such organisation");
  if (!roleFitsOrganization(input.role as Role, org.kind)) {
    throw fieldError("organizationId", "orgKindMismatch", `A ${input.role} user cannot belong to a ${org.kind} organisation`);
  }
  if (await database.user.findUnique({ where: { email: input.email } })) throw emailTaken();

  const link = newSetPasswordLink();
  const shown = linkShownToAdmin();
  try {
    const user = await database.$transaction(async (tx) => {
      const u = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          organizationId: org.id,
          setPasswordTokenHash: link.tokenHash,
          setPasswordExpires: link.expires,
        },
      });
      await auditAdmin(tx, actor, "ADMIN_USER_CREATED", {
        userId: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        organizationId: org.id,
        setPasswordLinkExpires: link.expires,
        linkId: linkId(link.tokenHash),
        delivery: shown ? "mail and screen" : "mail",
      });
      await mailSetPasswordLink(tx, u, link, true);
      return u;
    });
    return {
      user: { id: user.id, email: user.email, name: user.name, role: user.role as Role },
      mailedTo: user.email,
      expires: link.expires,
      ...(shown ? { setPasswordUrl: link.url } : {}),
    };
  } catch (e) {
    if (isUniqueViolation(e)) throw emailTaken();
    throw e;
  }
}
