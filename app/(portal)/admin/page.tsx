import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Building2, Inbox, ShieldCheck, Users } from "lucide-react";
import { requireRole } from "@/lib/auth/page-guards";
import { RoleHome } from "@/app/_components/role-home";
import { getOverview } from "@/lib/admin/get-overview";
import { outboxFigures } from "@/lib/outbox/dead-letters";

export default async function AdminHome() {
  const user = await requireRole("admin");
  const t = await getTranslations("admin");
  const o = await getOverview(user);
  const outbox = await outboxFigures(user);
  const cards = [
    { href: "/admin/users", icon: Users, title: t("nav.users"), text: t("home.users", { count: o.users, disabled: o.disabledUsers }) },
    { href: "/admin/organizations", icon: Building2, title: t("nav.organizations"), text: t("home.organizations", { count: o.organizations }) },
    { href: "/admin/accreditations", icon: ShieldCheck, title: t("nav.accreditations"), text: t("home.accreditations", { count: o.activeAccreditations }) },
    { href: "/admin/outbox", icon: Inbox, title: t("nav.outbox"), text: t("home.outbox", { pending: outbox.pending, failed: outbox.failed }) },
  ];
  return (
    <RoleHome user={user}>
      <nav aria-label={t("nav.label")}>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {cards.map((c) => (
            <li key={c.href}>
              <Link href={c.href} className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand focus:outline-none focus-visible:ring-2 focus-visible:ring-brand">
                <c.icon aria-hidden className="mb-2 h-6 w-6 text-brand" />
                <span className="block font-semibold">{c.title}</span>
                <span className="block text-sm text-slate-600">{c.text}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </RoleHome>
  );
}
