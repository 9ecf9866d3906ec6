// The public home (docs/domain.md#public-home): what intelligence grading is, the five elements,
// the four levels with an example each, the categories (data), how a vendor takes part, and the
// pilot's live figures. No sign-in; a signed-in person goes to their own home.
import Link from "next/link";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { HOME_BY_ROLE } from "@/lib/permissions";
import { publicFigures } from "@/lib/certificates/public-figures";
import { LEVELS, LEVEL_NAMES } from "@/lib/grading/levels";
import { Header } from "@/app/_components/header";
import { FiguresChart, LEVEL_FILL } from "@/app/_components/public/figures-chart";
import { buttonClass } from "@/app/_components/ui/button-class";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("public");
  return { title: `${t("title")} — Zhiji 智级` };
}

const ELEMENTS = ["perception", "cognition", "execution", "memory", "learning"] as const;
const MORE = [
  ["registry", "/registry"],
  ["verify", "/verify"],
  ["complaint", "/registry"],
] as const;

export default async function PublicHome() {
  const user = await getSessionUser();
  if (user) redirect(HOME_BY_ROLE[user.role]);
  const [t, locale, figures] = await Promise.all([getTranslations("public"), getLocale(), publicFigures()]);
  const zh = locale.startsWith("zh");
  const pair = (key: string) => t.raw(key) as [string, string];

  return (
    <>
      <Header user={null} />
      <main className="mx-auto max-w-6xl px-4 py-8" data-testid="public-home">
        <section className="max-w-3xl">
          <h1 className="text-3xl font-semibold">{t("title")}</h1>
          <p className="mt-3 text-lg text-slate-700">{t("lead")}</p>
          <div className="mt-5 flex flex-wrap gap-3">
            <Link href="/registry" className={buttonClass("primary")}>{t("ctaRegistry")}</Link>
            <Link href="/verify" className={buttonClass("secondary")}>{t("ctaVerify")}</Link>
            <Link href="/schemes" className={buttonClass("secondary")}>{t("ctaSchemes")}</Link>
            <Link href="/signin" className={buttonClass("secondary")}>{t("ctaSignIn")}</Link>
          </div>
        </section>

        <section className="mt-10" aria-labelledby="levels-title">
          <h2 id="levels-title" className="text-xl font-semibold">{t("levelsTitle")}</h2>
          <ol className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="public-levels">
            {LEVELS.map((level) => {
              const [what, example] = pair(`levels.${level}`);
              return (
                <li key={level} className="rounded-lg border border-slate-200 bg-white p-4" data-level={level}>
                  <p className="flex items-center gap-2 font-semibold">
                    <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ background: LEVEL_FILL[level] }} />
                    {level} · {zh ? LEVEL_NAMES[level].zh : LEVEL_NAMES[level].en}
                  </p>
                  <p className="mt-1 text-sm">{what}</p>
                  <p className="mt-2 text-sm italic text-slate-600">{example}</p>
                </li>
              );
            })}
          </ol>
        </section>

        <section className="mt-10" aria-labelledby="elements-title">
          <h2 id="elements-title" className="text-xl font-semibold">{t("elementsTitle")}</h2>
          <p className="mt-1 max-w-3xl text-slate-700">{t("elementsIntro")}</p>
          <ul className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
            {ELEMENTS.map((key) => {
              const [name, text] = pair(`elements.${key}`);
              return (
                <li key={key} className="rounded-lg border border-slate-200 bg-white p-4">
                  <p className="font-semibold">{name}</p>
                  <p className="mt-1 text-sm text-slate-700">{text}</p>
                </li>
              );
            })}
          </ul>
        </section>

        <section className="mt-10 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="figures-title" data-testid="public-figures">
          <h2 id="figures-title" className="text-xl font-semibold">{t("figuresTitle")}</h2>
          <p className="mt-1 text-slate-700" data-testid="figures-total" data-count={figures.certificates}>
            {t("figuresIntro", { certificates: figures.certificates })}
          </p>
          <div className="mt-4">
            <FiguresChart figures={figures.categories} label={t("chartLabel")} zh={zh} categoryLabel={t("category")} totalLabel={t("total")} />
          </div>
          <p className="mt-3 text-xs text-slate-500">{t("pilotValues")}</p>
        </section>

        <div className="mt-10 grid gap-8 lg:grid-cols-2">
          <section aria-labelledby="categories-title">
            <h2 id="categories-title" className="text-xl font-semibold">{t("categoriesTitle")}</h2>
            <ul className="mt-3 flex flex-wrap gap-2" data-testid="public-categories">
              {figures.categories.map((c) => (
                <li key={c.key} className="rounded-full border border-slate-300 bg-white px-3 py-1 text-sm">{zh ? c.nameZh : c.nameEn}</li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="apply-title">
            <h2 id="apply-title" className="text-xl font-semibold">{t("applyTitle")}</h2>
            <ol className="mt-3 list-decimal space-y-1 pl-5 text-slate-700">
              {(t.raw("apply") as string[]).map((step, i) => <li key={i}>{step}</li>)}
            </ol>
          </section>
        </div>

        <section className="mt-10" aria-labelledby="more-title">
          <h2 id="more-title" className="text-xl font-semibold">{t("moreTitle")}</h2>
          <ul className="mt-3 grid gap-3 sm:grid-cols-3">
            {MORE.map(([key, href]) => {
              const [name, text] = pair(`more.${key}`);
              return (
                <li key={key} className="rounded-lg border border-slate-200 bg-white p-4">
                  <Link href={href} className="font-semibold text-brand hover:underline">{name}</Link>
                  <p className="mt-1 text-sm text-slate-700">{text}</p>
                </li>
              );
            })}
          </ul>
        </section>
      </main>
    </>
  );
}
