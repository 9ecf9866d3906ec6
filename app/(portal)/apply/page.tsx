// The vendor's application wizard: category → scheme version and pilot → product → claimed level →
// declarations → review; it creates a draft case and goes to it, where submitting is one click.
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/page-guards";
import { listSchemes } from "@/lib/schemes";
import { listCategories } from "@/lib/categories";
import { pilotsOpenForApplication } from "@/lib/pilots/application-pilot";
import { pick } from "../cases/_lib/text";
import { ApplyWizard, type CategoryOption } from "./_components/apply-wizard";

export default async function ApplyPage() {
  const user = await requireRole("vendor");
  const t = await getTranslations("apply");
  const locale = await getLocale();
  const format = await getFormatter();
  // Only versions in force may be chosen; the newest in force is preselected (docs/domain.md#scheme-governance).
  const schemes = (await listSchemes(user)).filter((s) => s.defaultVersion);

  // Every category of the Category table, in its order, named from it (docs/domain.md#categories);
  // one without a scheme in force is listed but cannot be chosen yet.
  const byCategory = new Map<string, CategoryOption>(
    (await listCategories()).map((c) => [c.key, { category: c.key, title: pick({ zh: c.nameZh, en: c.nameEn }, locale), schemes: [], pilots: [] }]),
  );
  for (const s of schemes) {
    const option = byCategory.get(s.category) ?? { category: s.category, title: pick(s.title, locale), schemes: [], pilots: [] };
    option.schemes.push({
      schemeId: s.schemeId,
      title: pick(s.title, locale),
      latest: s.defaultVersion!,
      versions: s.versions
        .filter((v) => v.inForce)
        .map((v) => ({ version: v.version, publishedAt: v.publishedAt ? format.dateTime(new Date(v.publishedAt), { dateStyle: "medium" }) : null })),
    });
    byCategory.set(s.category, option);
  }
  // The pilots each category may be applied into now, the default first (docs/domain.md#pilots);
  // the window's end is exclusive, so its last day is the day before.
  const pilots = await pilotsOpenForApplication([...byCategory.keys()]);
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "Asia/Shanghai" });
  for (const option of byCategory.values()) {
    option.pilots = (pilots[option.category] ?? []).map((p) => ({
      id: p.id,
      name: locale.startsWith("zh") && p.nameZh ? p.nameZh : p.name,
      window:
        p.applicationsFrom && p.applicationsUntil
          ? t("pilotWindow", { from: day(p.applicationsFrom), until: day(new Date(p.applicationsUntil.getTime() - 1)) })
          : p.applicationsUntil
            ? t("pilotWindowUntil", { until: day(new Date(p.applicationsUntil.getTime() - 1)) })
            : p.applicationsFrom
              ? t("pilotWindowFrom", { from: day(p.applicationsFrom) })
              : t("pilotWindowAlways"),
    }));
  }
  const categories = [...byCategory.values()];

  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro", { organization: user.organizationName })}</p>
      {categories.every((c) => c.schemes.length === 0) ? <p role="status">{t("noSchemes")}</p> : <ApplyWizard categories={categories} />}
    </article>
  );
}
