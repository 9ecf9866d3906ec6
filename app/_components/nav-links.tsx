// The signed-in user's navigation: their home, then the areas their role may use (asked of the
// permission table, so a link never leads to a page that would refuse them), and their inbox.
import Link from "next/link";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { can, HOME_BY_ROLE, type Permission, type SessionUser } from "@/lib/permissions";
import { InboxBadge } from "./inbox-badge";

type NavLink = { href: string; key: string; permission?: Permission; /** Not shown to a user who has this one (who has its own page). */ unless?: Permission };

const AREAS: NavLink[] = [
  { href: "/apply", key: "apply", permission: "case:create" },
  { href: "/vendor/products", key: "products", permission: "product:manage" },
  { href: "/secretariat/schemes", key: "schemes", permission: "scheme:manage" },
  { href: "/secretariat/categories", key: "categories", permission: "category:manage" },
  { href: "/audit", key: "audit", permission: "audit:read" },
  { href: "/secretariat/pilots", key: "pilots", permission: "dashboard:read" },
  { href: "/secretariat/complaints", key: "complaints", permission: "complaint:read" },
  { href: "/secretariat/changes", key: "changes", permission: "change:surveil" },
  { href: "/changes", key: "changes", permission: "change:read", unless: "change:surveil" },
  { href: "/secretariat/proficiency", key: "proficiency", permission: "proficiency:read", unless: "proficiency:submit" },
  { href: "/lab/proficiency", key: "proficiency", permission: "proficiency:submit" },
  { href: "/admin", key: "admin", permission: "user:manage" },
  { href: "/inbox", key: "inbox", permission: "case:list" },
  { href: "/account", key: "account" },
];

function isCurrent(path: string, href: string, home: string) {
  // The home link is current only on the home page itself; an area link on every page below it.
  return href === home ? path === href : path === href || path.startsWith(`${href}/`);
}

export async function NavLinks({ user }: { user: SessionUser | null }) {
  if (!user) return null;
  const t = await getTranslations("nav");
  const path = ((await headers()).get("x-zhiji-path") ?? "").split("?")[0];
  const home = HOME_BY_ROLE[user.role];
  const links = [
    { href: home, key: `home_${user.role}` },
    ...AREAS.filter((a) => a.href !== home && (!a.permission || can(user, a.permission)) && !(a.unless && can(user, a.unless))),
  ];
  // Below the `lg` breakpoint the links stay on one line that scrolls sideways inside the nav
  // (never the page; `relative` keeps the badge's screen-reader text, absolutely placed, inside it
  // too); the padding keeps the focus ring inside the scrolling box. From `lg` up they
  // may wrap, which with at most seven short links they do not.
  return (
    <nav aria-label={t("label")} data-testid="nav-links" className="relative -mx-4 overflow-x-auto overscroll-x-contain px-4 [scrollbar-width:thin] lg:mx-0 lg:overflow-visible lg:px-0">
      <ul className="flex w-max items-center gap-1 whitespace-nowrap py-0.5 text-sm lg:w-auto lg:flex-wrap">
        {links.map((l) => {
          const current = isCurrent(path, l.href, home);
          return (
            <li key={l.href} className="shrink-0">
              <Link
                href={l.href}
                aria-current={current ? "page" : undefined}
                data-testid={`nav-${l.key}`}
                className={`inline-flex items-center rounded px-2 py-1 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand ${
                  current ? "bg-slate-100 font-semibold text-slate-900" : "text-slate-700 hover:bg-slate-100"
                }`}
              >
                {t(l.key)}
                {l.key === "inbox" && <InboxBadge user={user} />}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
