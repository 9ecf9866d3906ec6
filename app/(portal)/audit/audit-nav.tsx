// The audit area's section links.
import Link from "next/link";
import { getTranslations } from "next-intl/server";

const SECTIONS = [
  { href: "/audit", key: "dashboard" },
  { href: "/audit/events", key: "events" },
  { href: "/audit/findings", key: "findings" },
] as const;

export async function AuditNav({ current }: { current: (typeof SECTIONS)[number]["key"] }) {
  const t = await getTranslations("audit.tabs");
  return (
    <nav aria-label={t("label")} className="mb-6 flex gap-1 border-b border-slate-200">
      {SECTIONS.map((s) => (
        <Link
          key={s.key}
          href={s.href}
          aria-current={s.key === current ? "page" : undefined}
          data-testid={`audit-tab-${s.key}`}
          className={`-mb-px border-b-2 px-3 py-2 text-sm ${s.key === current ? "border-brand font-semibold text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {t(s.key)}
        </Link>
      ))}
    </nav>
  );
}
