import Link from "next/link";
import { getTranslations } from "next-intl/server";

const SECTIONS = [
  { key: "users", href: "/admin/users" },
  { key: "organizations", href: "/admin/organizations" },
  { key: "accreditations", href: "/admin/accreditations" },
] as const;

export async function AdminNav({ current }: { current?: (typeof SECTIONS)[number]["key"] }) {
  const t = await getTranslations("admin");
  return (
    <nav aria-label={t("nav.label")} className="mb-6 flex flex-wrap gap-2 border-b border-slate-200 pb-3 text-sm">
      <Link href="/admin" className="rounded px-3 py-1 text-slate-700 hover:bg-slate-100">{t("nav.home")}</Link>
      {SECTIONS.map((s) => (
        <Link key={s.key} href={s.href} aria-current={current === s.key ? "page" : undefined}
          className="rounded px-3 py-1 text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-brand aria-[current=page]:text-white">
          {t(`nav.${s.key}`)}
        </Link>
      ))}
    </nav>
  );
}
