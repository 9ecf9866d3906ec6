// A new one-time link for an existing user (first sign-in lost, or a forgotten password). It
// replaces any earlier link; the current password keeps working until the link is used.
//
// The link goes to the person by mail (through the outbox), never to the administrator's screen on
// a production portal: an administrator who could read the link could take the account over. In
// development and the demo the link is also shown, as there may be no mail relay. The audit chain
// names the administrator who issued it, and the password set with it is recorded as set through
// the link that administrator issued (lib/auth/set-password.ts).
import "server-only";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { AppError, domainError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { linkId, newSetPasswordLink } from "@/lib/auth/set-password";
import { auditAdmin, parseInput } from "./parse";
import { UserRef } from "./schemas";

type Link = ReturnType<typeof newSetPasswordLink>;

/** Whether this portal may show a set-password link to the administrator (development and the demo only). */
export const linkShownToAdmin = () => !env().strictProduction;

/** Mails the link to its person (in the caller's transaction, so only a committed link is sent). */
export async function mailSetPasswordLink(tx: Tx, to: { email: string; name: string }, link: Link, firstTime: boolean) {
  const expires = link.expires.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  await enqueueMail(
    tx,
    {
      to: to.email,
      subject: firstTime ? "Welcome to Zhiji: choose your password / 欢迎使用智级：设置密码" : "Zhiji: set a new password / 智级：设置新密码",
      text: [
        `${to.name},`,
        "",
        firstTime ? "An account was made for you on the Zhiji portal. Choose your password here:" : "Set a new password for your Zhiji account here:",
        link.url,
        `The link works once, until ${expires}. If you did not expect it, tell the portal's administrator.`,
        "",
        firstTime ? "您在智级平台的账号已创建。请通过以下链接设置密码：" : "请通过以下链接为您的智级账号设置新密码：",
        link.url,
        `该链接仅可使用一次，有效期至 ${expires}。如非本人预期，请联系平台管理员。`,
      ].join("\n"),
    },
    `set-password:${linkId(link.tokenHash)}`,
  );
}

export async function issueSetPasswordLink(actor: SessionUser, raw: unknown) {
  assertCan(actor, "user:manage");
  const { userId } = parseInput(UserRef, raw);
  const database = db();
  const user = await database.user.findUnique({ where: { id: userId } });
  if (!user) throw domainError("USER_NOT_FOUND");
  if (user.disabled) throw new AppError("CONFLICT", "Enable the user before giving them a new link", { _: "userDisabled" });
  const link = newSetPasswordLink();
  const shown = linkShownToAdmin();
  await database.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { setPasswordTokenHash: link.tokenHash, setPasswordExpires: link.expires } });
    await auditAdmin(tx, actor, "ADMIN_SET_PASSWORD_LINK_ISSUED", {
      userId,
      email: user.email,
      expires: link.expires,
      linkId: linkId(link.tokenHash),
      delivery: shown ? "mail and screen" : "mail",
    });
    await mailSetPasswordLink(tx, user, link, false);
  });
  return { mailedTo: user.email, expires: link.expires, ...(shown ? { setPasswordUrl: link.url } : {}) };
}
