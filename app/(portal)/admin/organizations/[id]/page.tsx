import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { listCategories, nameOf } from "@/lib/categories";
import { requirePermission } from "@/lib/auth/page-guards";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";
import { getOrganization } from "@/lib/admin/get-organization";
import { AdminNav } from "../../_components/admin-nav";
import { RenameOrganizationForm } from "../organization-forms";

async function load(actor: SessionUser, id: string) {
  try {
    return await getOrganization(actor, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function OrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("organization:manage");
  const { id } = await params;
  const t = await getTranslations("admin");
  const [categoryRows, locale] = await Promise.all([listCategories(), getLocale()]);
  const roles = await getTranslations("roles");
  const org = await load(actor, id);
  return (
    <>
      <AdminNav current="organizations" />
      <p className="mb-2 text-sm"><Link href="/admin/organizations" className="text-brand hover:underline">← {t("organizations.title")}</Link></p>
      <h1 className="text-2xl font-semibold">{org.name}{org.nameZh ? <span lang="zh-CN" className="ml-2 text-slate-500">{org.nameZh}</span> : null}</h1>
      <p className="mt-1 text-sm text-slate-600">{t(`kinds.${org.kind}`)}</p>

      <section aria-labelledby="rename" className="mt-6 max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="rename" className="mb-3 text-lg font-semibold">{t("organizations.renameTitle")}</h2>
        <RenameOrganizationForm organizationId={org.id} name={org.name} nameZh={org.nameZh} />
      </section>

      <section aria-labelledby="members" className="mt-6">
        <h2 id="members" className="mb-2 text-lg font-semibold">{t("organizations.members", { count: org.users.length })}</h2>
        {org.users.length === 0 ? <p className="text-sm text-slate-500">{t("organizations.noMembers")}</p> : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {org.users.map((u) => (
              <li key={u.id} className="flex justify-between px-3 py-2 text-sm">
                <Link href={`/admin/users/${u.id}`} className="text-brand hover:underline">{u.name}</Link>
                <span className="text-slate-600">{u.email} · {roles(u.role)}{u.disabled ? ` · ${t("status.disabled")}` : ""}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {org.kind === "lab" && (
        <section aria-labelledby="accr" className="mt-6">
          <h2 id="accr" className="mb-2 text-lg font-semibold">{t("nav.accreditations")}</h2>
          {org.accreditations.length === 0 ? <p className="text-sm text-slate-500">{t("accreditations.none")}</p> : (
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
              {org.accreditations.map((a) => (
                <li key={a.id} className="flex justify-between px-3 py-2 text-sm">
                  <span>{locale === "zh-CN" ? nameOf(categoryRows, a.category).zh : nameOf(categoryRows, a.category).en}</span>
                  <span className="text-slate-600">{day(a.validFrom)} – {day(a.validUntil)}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-sm"><Link href="/admin/accreditations" className="text-brand hover:underline">{t("accreditations.manage")}</Link></p>
        </section>
      )}
    </>
  );
}
