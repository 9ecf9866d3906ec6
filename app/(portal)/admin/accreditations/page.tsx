import { getLocale, getTranslations } from "next-intl/server";
import { parseScope } from "@/lib/grading/envelope";
import { requirePermission } from "@/lib/auth/page-guards";
import { listAccreditations } from "@/lib/admin/list-accreditations";
import { listCategories, nameOf } from "@/lib/categories";
import { AdminNav } from "../_components/admin-nav";
import { AccreditationRowForms, AddAccreditationForm } from "./accreditation-forms";

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function AccreditationsPage() {
  const actor = await requirePermission("accreditation:manage");
  const t = await getTranslations("admin");
  // Category names come from the Category table (docs/domain.md#categories).
  const [categoryRows, locale] = await Promise.all([listCategories(), getLocale()]);
  const categoryLabel = (key: string) => (locale === "zh-CN" ? nameOf(categoryRows, key).zh : nameOf(categoryRows, key).en);
  const { accreditations, labs } = await listAccreditations(actor);
  const now = new Date();
  const status = (a: { validFrom: Date; validUntil: Date }) => (a.validUntil < now ? "expired" : a.validFrom > now ? "upcoming" : "active");
  const LOOK = { active: "bg-green-50 text-green-800", expired: "bg-red-50 text-red-800", upcoming: "bg-amber-50 text-amber-900" };
  return (
    <>
      <AdminNav current="accreditations" />
      <h1 className="text-2xl font-semibold">{t("accreditations.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("accreditations.help")}</p>
      <section aria-labelledby="new-accr" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="new-accr" className="mb-3 text-lg font-semibold">{t("accreditations.newTitle")}</h2>
        <AddAccreditationForm
          labs={labs.map((l) => ({ value: l.id, label: l.name }))}
          categories={categoryRows.map((c) => ({ value: c.key, label: categoryLabel(c.key) }))}
        />
      </section>
      <section aria-labelledby="all-accr" className="mt-8">
        <h2 id="all-accr" className="mb-3 text-lg font-semibold">{t("accreditations.listTitle", { count: accreditations.length })}</h2>
        {accreditations.length === 0 ? <p className="text-sm text-slate-500">{t("accreditations.none")}</p> : (
          <ul className="space-y-3" data-testid="accreditations">
            {accreditations.map((a) => {
              const label = `${a.lab.name} · ${categoryLabel(a.category)}`;
              const s = status(a);
              return (
                <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`accreditation-${a.lab.name}-${a.category}`}>
                  <div className="mb-2 flex items-center gap-3">
                    <span className="font-medium">{label}</span>
                    <span className={`rounded px-2 py-0.5 text-xs font-medium ${LOOK[s]}`}>{t(`accreditations.${s}`)}</span>
                  </div>
                  <AccreditationRowForms
                    id={a.id}
                    label={label}
                    validFrom={day(a.validFrom)}
                    validUntil={day(a.validUntil)}
                    number={a.number ?? ""}
                    body={a.body ?? ""}
                    scope={parseScope(a.scope).join(", ")}
                  />
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
