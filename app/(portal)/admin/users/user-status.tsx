import { getTranslations } from "next-intl/server";
import type { AdminUserView } from "@/lib/admin/list-users";

export function userStatus(u: AdminUserView, now = new Date()): "disabled" | "active" | "awaitingPassword" | "linkExpired" {
  if (u.disabled) return "disabled";
  if (u.hasPassword) return "active";
  return u.setPasswordPendingUntil && u.setPasswordPendingUntil > now ? "awaitingPassword" : "linkExpired";
}

const LOOK = {
  active: "bg-green-50 text-green-800",
  disabled: "bg-red-50 text-red-800",
  awaitingPassword: "bg-amber-50 text-amber-900",
  linkExpired: "bg-slate-100 text-slate-700",
};

export async function UserStatus({ user }: { user: AdminUserView }) {
  const t = await getTranslations("admin");
  const s = userStatus(user);
  return <span data-testid="user-status" className={`rounded px-2 py-0.5 text-xs font-medium ${LOOK[s]}`}>{t(`status.${s}`)}</span>;
}
